package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// tiktokOptions are the account keys of a throwaway platform.
type tiktokOptions struct {
	Token  config.Secret `toml:"token"`
	Region string        `toml:"region"`
}

func (o *tiktokOptions) Check(config.Account) error {
	if err := config.Require("tiktok", config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	if o.Region != "id" && o.Region != "sg" {
		return errors.New(`region: want "id" or "sg"`)
	}
	return nil
}

// tiktok is a connector that fetches nothing and checks one thing.
type tiktok struct{ region string }

func (tiktok) Platform() inbox.Platform { return "tiktok" }
func (tiktok) Capabilities() inbox.Capabilities {
	return inbox.Capabilities{Reply: true, PublicComments: true}
}
func (tiktok) Fetch(context.Context, string) (platforms.Batch, error) {
	return platforms.Batch{}, nil
}
func (tiktok) Send(context.Context, inbox.Reply) (inbox.Sent, error) { return inbox.Sent{}, nil }
func (t tiktok) Check(context.Context) []platforms.Finding {
	return []platforms.Finding{{Check: "region " + t.region + " reachable", OK: true}}
}

func tiktokDescriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name: "tiktok", Title: "TikTok", Badge: "TT", Colour: "14",
		Capabilities: inbox.Capabilities{Reply: true, PublicComments: true},
		Options:      func() config.Options { return &tiktokOptions{Region: "id"} },
		New: func(acct config.Account, _ *slog.Logger) (platforms.Connector, error) {
			o, err := platforms.OptionsOf[*tiktokOptions](acct)
			if err != nil {
				return nil, err
			}
			return tiktok{region: o.Region}, nil
		},
	}
}

// TestNewPlatformIsOneDescriptor: a platform Sapa has never heard of,
// registered with one descriptor, is decoded and checked by config, shown
// by the screen (badge, colour, filter cycle) and checked by doctor.
func TestNewPlatformIsOneDescriptor(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "config.toml")
		text := "[database]\npath = \"" + filepath.Join(dir, "sapa.db") + "\"\n" +
			"[[account]]\nname = \"pemkab-fb\"\nplatform = \"facebook\"\npage_id = \"1\"\ntoken = { value = \"fbtoken\" }\n" +
			"[[account]]\nname = \"pemkab-tt\"\nplatform = \"tiktok\"\n" + body
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	reg := platforms.NewRegistry(append(descriptors(), tiktokDescriptor())...)

	// config: its keys decoded strictly, its own check run.
	if _, err := config.Load(write("token = { env = \"T\" }\nregion = \"us\"\n"), reg.Kinds()); err == nil ||
		!strings.Contains(err.Error(), `account "pemkab-tt": region: want "id" or "sg"`) {
		t.Errorf("the descriptor's check did not run: %v", err)
	}
	if _, err := config.Load(write("token = { env = \"T\" }\npage_id = \"1\"\n"), reg.Kinds()); err == nil ||
		!strings.Contains(err.Error(), `:12: unknown key "account.page_id" for tiktok`) {
		t.Errorf("a key of another platform was not refused with its line: %v", err)
	}
	path := write("token = { value = \"tttoken\" }\nregion = \"sg\"\n")
	cfg, err := config.Load(path, reg.Kinds())
	if err != nil {
		t.Fatal(err)
	}
	if o := cfg.Accounts[1].Options.(*tiktokOptions); o.Region != "sg" || o.Token.Value != "tttoken" {
		t.Errorf("options decoded as %+v", o)
	}

	// the screen: badge, colour and the filter cycle, only configured ones.
	var cycle []string
	for _, p := range uiPlatforms(reg, cfg.Accounts) {
		if p.Name == "tiktok" && (p.Badge != "TT" || p.Colour != "14" || p.Title != "TikTok") {
			t.Errorf("screen sees tiktok as %+v", p)
		}
		if p.Configured {
			cycle = append(cycle, p.Badge)
		}
	}
	if strings.Join(cycle, " ") != "FB TT" {
		t.Errorf("filter cycle %v, want FB TT (the configured platforms)", cycle)
	}

	// doctor: its connector is built and checked.
	e, err := setupWith(options{command: "doctor", configPath: path}, reg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	var out bytes.Buffer
	e.doctor(&out)
	if !strings.Contains(out.String(), "pemkab-tt") || !strings.Contains(out.String(), "region sg reachable") {
		t.Errorf("doctor does not check tiktok:\n%s", out.String())
	}
}
