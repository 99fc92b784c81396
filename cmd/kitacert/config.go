package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/web"
)

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

// config is every setting of kitacert: the environment-backed ones (their defaults in
// settings) and the internal tuning values (their defaults in defaultTuning). Flags of the
// subcommands may override single values. The packages take these values and have no
// defaults of their own.
type config struct {
	DatabaseURL  string         // KITACERT_DATABASE_URL
	Addr         string         // KITACERT_ADDR
	LogFormat    string         // KITACERT_LOG_FORMAT: text | json
	LogLevel     string         // KITACERT_LOG_LEVEL: debug | info | warn | error
	Timezone     string         // KITACERT_TIMEZONE
	Location     *time.Location // Timezone, loaded
	Cookies      web.CookieMode // KITACERT_COOKIE_SECURE: auto | true | false
	cookieSecure string
	// Site is the operator's texts of the legal pages (KITACERT_SITE_*).
	Site web.Site
	// CertNumberFormat makes certification numbers: {year} and {seq} (KITACERT_CERT_NUMBER_FORMAT).
	CertNumberFormat string
	// WindowOffsetMonths moves the re-certification window (KITACERT_RENEWAL_WINDOW_OFFSET_MONTHS).
	WindowOffsetMonths int
	windowOffset       string

	SweepSchedule string       // KITACERT_SWEEP_SCHEDULE: cron expression, default daily 06:00
	DigestWeekday time.Weekday // KITACERT_DIGEST_WEEKDAY: monday … sunday
	digestWeekday string
	SMTPURL       string // KITACERT_SMTP_URL: smtps://…, smtp://… (secret: the password is masked)
	SMTPFrom      string // KITACERT_SMTP_FROM
	PublicURL     string // KITACERT_PUBLIC_URL: the address people open, for links in e-mails
	// publicURLSet tells whether KITACERT_PUBLIC_URL was given; otherwise it follows Addr.
	publicURLSet bool
	TemplatesDir string // KITACERT_TEMPLATES_DIR: overrides of the e-mail templates
	RoutingFile  string // KITACERT_ROUTING_FILE: which reminder goes to whom
	// Routing is the routing the file gives (the defaults without one), loaded by validate
	// so that every command refuses a broken file before it touches the database.
	Routing       notify.Routing
	WebhookURL    string // KITACERT_WEBHOOK_URL: optional JSON webhook for every reminder
	WebhookSecret string // KITACERT_WEBHOOK_SECRET: HMAC-SHA256 key of the webhook (secret)
	// The signature block of e-mails (KITACERT_MAIL_ORGANISATION, _ADDRESS, _PHONE, _EMAIL).
	MailOrganisation, MailAddress, MailPhone, MailEmail string
	// DeliveryInterval is how often the worker looks for due notifications (KITACERT_DELIVERY_INTERVAL).
	DeliveryInterval time.Duration
	deliveryInterval string
	// RequestTimeout is the deadline of an API request and PostgreSQL's statement_timeout
	// in serve (KITACERT_REQUEST_TIMEOUT).
	RequestTimeout time.Duration
	requestTimeout string
	// DatabaseMaxConns is the size of the connection pool (KITACERT_DATABASE_MAX_CONNS);
	// unset, validate takes the dialect's value from Tuning.
	DatabaseMaxConns int
	databaseMaxConns string
	// TokenCacheTTL is how long serve keeps a resolved bearer token; 0: not at all
	// (KITACERT_TOKEN_CACHE_TTL).
	TokenCacheTTL time.Duration
	tokenCacheTTL string
	// BlobURL is where document contents live (KITACERT_BLOB_URL): file:///dir, s3://bucket…;
	// unset, a folder kitacert-files next to the SQLite file (or in the working directory).
	BlobURL string
	// Evidence bounds the documents (KITACERT_EVIDENCE_MAX_FILE_MB, _MAX_TOTAL_MB).
	Evidence                                        cert.EvidenceSettings
	evidenceMaxFile, evidenceMax, evidenceRetention string
	// Tuning holds the values without a variable (defaultTuning).
	Tuning tuning
}

// setting documents one environment variable; the README's table is made from the same facts.
type setting struct {
	env, def string
	dst      func(*config) *string
}

var settings = []setting{
	{"KITACERT_DATABASE_URL", "sqlite:kitacert.db", func(c *config) *string { return &c.DatabaseURL }},
	{"KITACERT_ADDR", ":8080", func(c *config) *string { return &c.Addr }},
	{"KITACERT_LOG_FORMAT", "text", func(c *config) *string { return &c.LogFormat }},
	{"KITACERT_LOG_LEVEL", "info", func(c *config) *string { return &c.LogLevel }},
	{"KITACERT_TIMEZONE", "Europe/Berlin", func(c *config) *string { return &c.Timezone }},
	{"KITACERT_COOKIE_SECURE", "auto", func(c *config) *string { return &c.cookieSecure }},
	{"KITACERT_CERT_NUMBER_FORMAT", "FZ-{year}-{seq}", func(c *config) *string { return &c.CertNumberFormat }},
	{"KITACERT_RENEWAL_WINDOW_OFFSET_MONTHS", "0", func(c *config) *string { return &c.windowOffset }},
	{"KITACERT_SWEEP_SCHEDULE", "0 6 * * *", func(c *config) *string { return &c.SweepSchedule }},
	{"KITACERT_DIGEST_WEEKDAY", "monday", func(c *config) *string { return &c.digestWeekday }},
	{"KITACERT_SMTP_URL", "", func(c *config) *string { return &c.SMTPURL }},
	{"KITACERT_SMTP_FROM", "kitacert <kitacert@localhost>", func(c *config) *string { return &c.SMTPFrom }},
	{"KITACERT_PUBLIC_URL", "http://localhost:8080", func(c *config) *string { return &c.PublicURL }},
	{"KITACERT_TEMPLATES_DIR", "", func(c *config) *string { return &c.TemplatesDir }},
	{"KITACERT_ROUTING_FILE", "", func(c *config) *string { return &c.RoutingFile }},
	{"KITACERT_WEBHOOK_URL", "", func(c *config) *string { return &c.WebhookURL }},
	{"KITACERT_WEBHOOK_SECRET", "", func(c *config) *string { return &c.WebhookSecret }},
	{"KITACERT_DELIVERY_INTERVAL", "30s", func(c *config) *string { return &c.deliveryInterval }},
	{"KITACERT_MAIL_ORGANISATION", "kitacert – Verfahren zum Gütesiegel „Familienzentrum NRW“", func(c *config) *string { return &c.MailOrganisation }},
	{"KITACERT_MAIL_ADDRESS", "", func(c *config) *string { return &c.MailAddress }},
	{"KITACERT_MAIL_PHONE", "", func(c *config) *string { return &c.MailPhone }},
	{"KITACERT_MAIL_EMAIL", "", func(c *config) *string { return &c.MailEmail }},
	{"KITACERT_REQUEST_TIMEOUT", "5s", func(c *config) *string { return &c.requestTimeout }},
	{"KITACERT_DATABASE_MAX_CONNS", "", func(c *config) *string { return &c.databaseMaxConns }},
	{"KITACERT_TOKEN_CACHE_TTL", "10s", func(c *config) *string { return &c.tokenCacheTTL }},
	{"KITACERT_BLOB_URL", "", func(c *config) *string { return &c.BlobURL }},
	{"KITACERT_EVIDENCE_MAX_FILE_MB", "20", func(c *config) *string { return &c.evidenceMaxFile }},
	{"KITACERT_EVIDENCE_MAX_TOTAL_MB", "200", func(c *config) *string { return &c.evidenceMax }},
	{"KITACERT_EVIDENCE_RETENTION_MONTHS", "12", func(c *config) *string { return &c.evidenceRetention }},
	{"KITACERT_SITE_OPERATOR", "", func(c *config) *string { return &c.Site.Operator }},
	{"KITACERT_SITE_IMPRINT", "", func(c *config) *string { return &c.Site.Imprint }},
	{"KITACERT_SITE_PRIVACY", "", func(c *config) *string { return &c.Site.Privacy }},
	{"KITACERT_SITE_FEEDBACK_EMAIL", "", func(c *config) *string { return &c.Site.FeedbackEmail }},
}

// loadConfig reads the environment through getenv.
func loadConfig(getenv func(string) string) config {
	c := config{Tuning: defaultTuning}
	for _, s := range settings {
		v := getenv(s.env)
		if v == "" {
			v = s.def
		}
		*s.dst(&c) = v
	}
	c.publicURLSet = getenv("KITACERT_PUBLIC_URL") != ""
	return c
}

// derivedPublicURL is the public URL when none is set: the listen address, with
// localhost for an address that names no host (":8080", "0.0.0.0:8080", "[::]:8080").
func derivedPublicURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// bindFlags lets a subcommand's flags override the environment.
func (c *config) bindFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "database URL (KITACERT_DATABASE_URL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (KITACERT_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (KITACERT_LOG_LEVEL)")
	fs.StringVar(&c.Timezone, "timezone", c.Timezone, "time zone for \"today\" (KITACERT_TIMEZONE)")
}

// validate checks every setting and names the variable of the first bad one.
func (c *config) validate() error {
	if _, _, err := store.ParseURL(c.DatabaseURL); err != nil {
		return fmt.Errorf("KITACERT_DATABASE_URL: %v", err)
	}
	if c.Addr == "" || !strings.Contains(c.Addr, ":") {
		return fmt.Errorf("KITACERT_ADDR: want host:port or :port, got %q", c.Addr)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("KITACERT_LOG_FORMAT: want text or json, got %q", c.LogFormat)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return fmt.Errorf("KITACERT_LOG_LEVEL: %v", err)
	}
	var err error
	if c.Cookies, err = web.ParseCookieMode(c.cookieSecure); err != nil {
		return fmt.Errorf("KITACERT_COOKIE_SECURE: %v", err)
	}
	n, err := strconv.Atoi(c.windowOffset)
	if err != nil {
		return fmt.Errorf("KITACERT_RENEWAL_WINDOW_OFFSET_MONTHS: want a number of months between -24 and 24, got %q", c.windowOffset)
	}
	c.WindowOffsetMonths = n
	// The rules of the domain's settings are the domain's (cert.Settings.Validate); the
	// config names the variable.
	if err := c.certSettings().Validate(); err != nil {
		var se *cert.SettingError
		if errors.As(err, &se) {
			return fmt.Errorf("%s: %s", map[string]string{"CertificationNumberFormat": "KITACERT_CERT_NUMBER_FORMAT",
				"RenewalWindowOffsetMonths": "KITACERT_RENEWAL_WINDOW_OFFSET_MONTHS"}[se.Setting], se.Problem)
		}
		return err
	}
	if _, err := schedule.ParseSchedule(c.SweepSchedule); err != nil {
		return fmt.Errorf("KITACERT_SWEEP_SCHEDULE: %v", err)
	}
	wd, ok := weekdays[strings.ToLower(c.digestWeekday)]
	if !ok {
		return fmt.Errorf("KITACERT_DIGEST_WEEKDAY: want monday … sunday, got %q", c.digestWeekday)
	}
	c.DigestWeekday = wd
	if c.SMTPURL != "" {
		if _, err := notify.ParseSMTPURL(c.SMTPURL); err != nil {
			return fmt.Errorf("KITACERT_SMTP_URL: %v", err)
		}
	}
	if !c.publicURLSet {
		c.PublicURL = derivedPublicURL(c.Addr)
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("KITACERT_PUBLIC_URL: want http(s)://host[/path], got %q", c.PublicURL)
	}
	if d, err := time.ParseDuration(c.deliveryInterval); err != nil || d < 10*time.Millisecond || d > time.Hour {
		return fmt.Errorf("KITACERT_DELIVERY_INTERVAL: want a duration between 10ms and 1h, got %q", c.deliveryInterval)
	} else {
		c.DeliveryInterval = d
	}
	if _, err := c.signature(); err != nil {
		name := "KITACERT_MAIL_EMAIL"
		if strings.TrimSpace(c.MailOrganisation) == "" {
			name = "KITACERT_MAIL_ORGANISATION"
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	if d, err := time.ParseDuration(c.requestTimeout); err != nil || d < 100*time.Millisecond || d > 10*time.Minute {
		return fmt.Errorf("KITACERT_REQUEST_TIMEOUT: want a duration between 100ms and 10m, got %q", c.requestTimeout)
	} else {
		c.RequestTimeout = d
	}
	if d, err := time.ParseDuration(c.tokenCacheTTL); err != nil || d < 0 || d > time.Minute {
		return fmt.Errorf("KITACERT_TOKEN_CACHE_TTL: want a duration between 0s and 1m, got %q", c.tokenCacheTTL)
	} else {
		c.TokenCacheTTL = d
	}
	if c.databaseMaxConns != "" {
		n, err := strconv.Atoi(c.databaseMaxConns)
		if err != nil || n < 2 || n > 1000 {
			return fmt.Errorf("KITACERT_DATABASE_MAX_CONNS: want a number of connections between 2 and 1000, got %q", c.databaseMaxConns)
		}
		c.DatabaseMaxConns = n
	} else {
		d, _, _ := store.ParseURL(c.DatabaseURL) // checked above
		c.DatabaseMaxConns = c.Tuning.maxConns(d)
	}
	if err := c.validateEvidence(); err != nil {
		return err
	}
	if err := c.Tuning.validate(); err != nil {
		return err
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		return fmt.Errorf("KITACERT_WEBHOOK_SECRET: required when KITACERT_WEBHOOK_URL is set")
	}
	c.Routing = notify.DefaultRouting()
	if c.RoutingFile != "" {
		r, err := notify.LoadRouting(c.RoutingFile)
		if err != nil {
			return fmt.Errorf("KITACERT_ROUTING_FILE: %v", err)
		}
		c.Routing = r
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fmt.Errorf("KITACERT_TIMEZONE: unknown time zone %q", c.Timezone)
	}
	c.Location = loc
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("want debug, info, warn or error, got %q", s)
	}
	return l, nil
}

// redactedURL hides the password of a database URL for the log.
func redactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// logValue is the config as logged at start, secrets masked.
func (c config) logValue() slog.Value {
	return slog.GroupValue(
		slog.String("database_url", redactedURL(c.DatabaseURL)),
		slog.String("addr", c.Addr),
		slog.String("log_format", c.LogFormat),
		slog.String("log_level", c.LogLevel),
		slog.String("timezone", c.Timezone),
		slog.String("cookie_secure", c.Cookies.String()),
		slog.String("cert_number_format", c.CertNumberFormat),
		slog.Int("renewal_window_offset_months", c.WindowOffsetMonths),
		slog.String("sweep_schedule", c.SweepSchedule),
		slog.String("digest_weekday", c.DigestWeekday.String()),
		slog.String("smtp_url", redactedURL(c.SMTPURL)),
		slog.String("public_url", c.PublicURL),
		slog.String("templates_dir", c.TemplatesDir),
		slog.String("routing_file", c.RoutingFile),
		slog.Bool("webhook", c.WebhookURL != ""),
		slog.Duration("delivery_interval", c.DeliveryInterval),
		slog.Duration("request_timeout", c.RequestTimeout),
		slog.Int("database_max_conns", c.DatabaseMaxConns),
		slog.Duration("token_cache_ttl", c.TokenCacheTTL),
		slog.Any("tuning", c.Tuning.logValue()),
	)
}

// signature is the signature block of e-mails from the KITACERT_MAIL_* settings.
func (c *config) signature() (notify.Signature, error) {
	return notify.ParseSignature(c.MailOrganisation, c.MailAddress, c.MailPhone, c.MailEmail)
}

// certSettings are the domain's settings from the config.
func (c *config) certSettings() cert.Settings {
	return cert.Settings{CertificationNumberFormat: c.CertNumberFormat, RenewalWindowOffsetMonths: c.WindowOffsetMonths}
}

// authSettings are the account settings of serve: the tuning and the token cache.
func (c *config) authSettings() auth.Settings {
	s := c.Tuning.authSettings()
	s.PrincipalTTL = c.TokenCacheTTL
	return s
}
