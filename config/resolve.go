package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrNoConfig is returned by Resolve, together with the default path, when no
// file was named and none exists at the default location. Callers that can
// run on Default() treat it as "no file"; others report it.
var ErrNoConfig = errors.New("no configuration file")

// Resolve finds the configuration file. The first of these wins: flagPath
// (the --config flag), $SAPA_CONFIG, then $XDG_CONFIG_HOME/sapa/config.toml
// (~/.config/sapa/config.toml when XDG_CONFIG_HOME is unset or relative).
// A file named by the flag or the environment must exist. A missing file at
// the default location returns that path and an error matching ErrNoConfig.
func Resolve(flagPath string) (string, error) {
	if flagPath != "" {
		return explicit(flagPath, "--config")
	}
	if p := os.Getenv("SAPA_CONFIG"); p != "" {
		return explicit(p, "$SAPA_CONFIG")
	}
	p, err := DefaultPath()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return p, fmt.Errorf("config %s: %w", p, ErrNoConfig)
		}
		return "", statError(p, err)
	}
	return p, nil
}

// DefaultPath is where Sapa looks for its configuration when none is named:
// $XDG_CONFIG_HOME/sapa/config.toml, else ~/.config/sapa/config.toml.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sapa", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("config: cannot find the home directory; name a file with --config or $SAPA_CONFIG")
	}
	return filepath.Join(home, ".config", "sapa", "config.toml"), nil
}

// explicit checks a path the user named; its absence is an error.
func explicit(p, from string) (string, error) {
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w (named by %s)", statError(p, err), from)
	}
	return p, nil
}

func statError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("config %s: %w", p, err)
}

// Language is the interface language, "id" or "en": ui.language when set,
// else the first of $LC_ALL, $LC_MESSAGES, $LANG that is set ("id…" means
// Indonesian, anything else English), else English.
func Language(cfg Config) string {
	if cfg.UI.Language != "" {
		return cfg.UI.Language
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "id") {
				return "id"
			}
			return "en"
		}
	}
	return "en"
}

// LocaleSet reports whether the environment names a language: the first of
// $LC_ALL, $LC_MESSAGES, $LANG that is set, unless it is the C or POSIX
// locale, which name none.
func LocaleSet() bool {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s != "C" && s != "POSIX" && !strings.HasPrefix(s, "C.")
		}
	}
	return false
}
