package notify

// Title returns the German name of the reminder (the code when it has none), as the
// messages and the outbox page show it.
func (r Reminder) Title() string {
	if t, ok := reminderTitles[r]; ok {
		return t
	}
	return string(r)
}

// Label returns in German in which capacity a recipient gets a message (the code when it
// has none).
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	if r == ToWebhook {
		return "Webhook"
	}
	return string(r)
}

// Reminders returns the reminders that have templates, in the order of the series.
func Reminders() []Reminder {
	return append([]Reminder(nil), knownReminders...)
}
