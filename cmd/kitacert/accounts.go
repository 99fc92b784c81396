package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// withAccounts opens the database (whose schema must be current) and runs fn with the
// account service in a system context. A failure names the database it looked at.
func withAccounts(ctx context.Context, cfg config, fn func(ctx context.Context, a *auth.Service) error) error {
	db, err := openForCommand(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := fn(access.WithPrincipal(ctx, access.System), auth.NewService(db, cert.SystemClock{}, cfg.Tuning.authSettings())); err != nil {
		return fmt.Errorf("%w (Datenbank: %s)", err, dbLabel(cfg.DatabaseURL))
	}
	return nil
}

// cmdUsers: kitacert users add|disable.
func cmdUsers(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: users needs a subcommand: add or disable", errUsage)
	}
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("users "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	email := fs.String("email", "", "e-mail address (login)")
	switch args[0] {
	case "add":
		name := fs.String("name", "", "display name")
		role := fs.String("role", "", "admin, coordinator, assessor, youth_office or kita_leader")
		yo := fs.String("youth-office", "", "youth office id (role youth_office)")
		kita := fs.String("kita", "", "Kita id (role kita_leader)")
		pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		in := auth.NewUser{Email: *email, DisplayName: *name, Role: access.Role(*role)}
		var err error
		if in.YouthOfficeID, err = optionalID("--youth-office", *yo); err != nil {
			return err
		}
		if in.KitaID, err = optionalID("--kita", *kita); err != nil {
			return err
		}
		if *pwStdin {
			line, err := bufio.NewReader(e.stdin).ReadString('\n')
			if err != nil && line == "" {
				return fmt.Errorf("%w: --password-stdin: no password on standard input", errUsage)
			}
			in.Password = strings.TrimRight(line, "\r\n")
		}
		return withAccounts(ctx, cfg, func(ctx context.Context, a *auth.Service) error {
			u, err := a.CreateUser(ctx, in)
			if err != nil {
				return describe(err)
			}
			fmt.Fprintf(e.stdout, "created user %s (%s)\n", u.ID, u.Role)
			return nil
		})
	case "disable":
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		return withAccounts(ctx, cfg, func(ctx context.Context, a *auth.Service) error {
			u, err := a.DisableUser(ctx, *email)
			if err != nil {
				return describe(err)
			}
			fmt.Fprintf(e.stdout, "disabled user %s\n", u.ID)
			return nil
		})
	}
	return fmt.Errorf("%w: unknown users subcommand %q", errUsage, args[0])
}

// cmdTokens: kitacert tokens issue|revoke.
func cmdTokens(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: tokens needs a subcommand: issue or revoke", errUsage)
	}
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("tokens "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	switch args[0] {
	case "issue":
		email := fs.String("email", "", "the user's e-mail address")
		name := fs.String("name", "cli", "a name to recognise the token by")
		expires := fs.String("expires", "90d", "lifetime: days (90d) or hours (12h), at most two years")
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		life, err := parseLifetime(*expires)
		if err != nil {
			return fmt.Errorf("%w: --expires: %v", errUsage, err)
		}
		return withAccounts(ctx, cfg, func(ctx context.Context, a *auth.Service) error {
			u, err := a.UserByEmail(ctx, *email)
			if err != nil {
				return describe(err)
			}
			t, err := a.IssueToken(ctx, u.ID, *name, time.Now().Add(life))
			if err != nil {
				return describe(err)
			}
			fmt.Fprintln(e.stdout, t.Secret) // the token alone, for scripts
			return nil
		})
	case "revoke":
		id := fs.String("id", "", "the token id")
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		tid, err := uuid.Parse(*id)
		if err != nil {
			return fmt.Errorf("%w: --id: not a token id", errUsage)
		}
		return withAccounts(ctx, cfg, func(ctx context.Context, a *auth.Service) error {
			t, err := a.RevokeToken(ctx, uuid.Nil, tid)
			if err != nil {
				return describe(err)
			}
			fmt.Fprintf(e.stdout, "revoked token %s (%s)\n", t.ID, t.Name)
			return nil
		})
	}
	return fmt.Errorf("%w: unknown tokens subcommand %q", errUsage, args[0])
}

// parseLifetime reads "90d" or "12h".
func parseLifetime(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days <= 0 {
			return 0, fmt.Errorf("want a number of days like 90d, got %q", s)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("want 90d or 12h, got %q", s)
	}
	return d, nil
}

func optionalID(flagName, s string) (*uuid.UUID, error) {
	if s == "" {
		return nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not an id", errUsage, flagName)
	}
	return &id, nil
}

// describe turns a domain error into one line that names the fields at fault.
func describe(err error) error {
	var ce *cert.Error
	if !errors.As(err, &ce) {
		return err
	}
	if len(ce.Fields) == 0 {
		return fmt.Errorf("%s", ce.Message)
	}
	parts := make([]string, len(ce.Fields))
	for i, f := range ce.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return fmt.Errorf("%s (%s)", ce.Message, strings.Join(parts, "; "))
}
