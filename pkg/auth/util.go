package auth

import "strings"

func stringsTrim(s string) string { return strings.TrimSpace(s) }
