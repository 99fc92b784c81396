package notify

import "strings"

// Greeting is the first line of a message in formal German: "Sehr geehrte Frau Dr.
// Lehmann," or "Sehr geehrter Herr Lehmann," for a person with a salutation, "Guten Tag
// Petra Lehmann," for one without, and "Guten Tag," when the name is unknown.
func Greeting(salutation, title, name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "Guten Tag,"
	}
	words := []string{}
	switch salutation {
	case "frau":
		words = append(words, "Sehr geehrte Frau")
	case "herr":
		words = append(words, "Sehr geehrter Herr")
	default:
		return "Guten Tag " + name + ","
	}
	if t := strings.TrimSpace(title); t != "" {
		words = append(words, t)
	}
	return strings.Join(append(words, lastName(name)), " ") + ","
}

// nameParticles start a family name: "Anna von der Heide" is "Frau von der Heide".
var nameParticles = map[string]bool{"von": true, "vom": true, "van": true, "de": true, "der": true, "den": true,
	"zu": true, "zum": true, "zur": true, "ten": true, "ter": true, "da": true, "di": true, "del": true, "la": true, "le": true}

// lastName guesses the family name of a full name: from the first lower-case particle
// after the first word (von, van, de, zu, …), else the last word.
func lastName(name string) string {
	w := strings.Fields(name)
	for i := 1; i < len(w)-1; i++ {
		if nameParticles[w[i]] {
			return strings.Join(w[i:], " ")
		}
	}
	return w[len(w)-1]
}

// CenterRef names a center with its article for a sentence ("für das Familienzentrum
// Regenbogen"). A name whose "Familienzentrum" (or "Verbund-Familienzentrum") comes first
// or after adjectives only gets "das", the adjectives declined after it ("Städtisches
// Familienzentrum Sonnenschein" → "das Städtische Familienzentrum Sonnenschein"); any
// other name, also one that mentions "Familienzentrum" further on ("Kita Regenbogen –
// Familienzentrum"), gets "das Familienzentrum „…“".
func CenterRef(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if !strings.HasSuffix(strings.ToLower(w), "familienzentrum") {
			continue
		}
		out := make([]string, 0, len(words)+1)
		out = append(out, "das")
		for _, adj := range words[:i] {
			if !strings.HasSuffix(adj, "es") || len(adj) < 4 {
				return "das Familienzentrum „" + name + "“"
			}
			out = append(out, strings.TrimSuffix(adj, "s")) // Städtisches → (das) Städtische
		}
		return strings.Join(append(out, words[i:]...), " ")
	}
	return "das Familienzentrum „" + name + "“"
}
