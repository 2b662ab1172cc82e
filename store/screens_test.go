package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sapa/inbox"
)

func TestScreenIsKeptPerAdmin(t *testing.T) {
	_, v := scopeFixture(t)
	ctx := context.Background()
	siti, camat := v["siti"], v["camat"]
	if _, ok, err := siti.LoadScreen(ctx, ""); ok || err != nil {
		t.Fatalf("a screen before any was kept: ok=%v err=%v", ok, err)
	}
	want := inbox.Screen{
		Filter: inbox.Filter{View: inbox.ViewPending, Platform: inbox.Facebook, Search: "jalan", Label: "jalan",
			Unit: "32.01.05.2001", Assignee: "-", Waiting: 3 * time.Hour},
		Top:      &inbox.Cursor{Priority: 1, LastMessageAt: t0.Add(time.Minute), ID: 1},
		Selected: 1, Open: 1, Composing: true,
	}
	// The admin argument is the scope's, whatever the caller passes.
	if err := siti.SaveScreen(ctx, "camat", want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := siti.LoadScreen(ctx, "camat")
	if err != nil || !ok {
		t.Fatalf("LoadScreen: ok=%v err=%v", ok, err)
	}
	if got.Top == nil || !got.Top.LastMessageAt.Equal(want.Top.LastMessageAt) {
		t.Fatalf("top = %+v, want %+v", got.Top, want.Top)
	}
	got.Top.LastMessageAt = want.Top.LastMessageAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("screen = %+v, want %+v", got, want)
	}
	if _, ok, _ := camat.LoadScreen(ctx, "siti"); ok {
		t.Error("camat sees siti's screen")
	}
	// Saving again replaces; the top of the list is nil.
	if err := siti.SaveScreen(ctx, "", inbox.Screen{Filter: inbox.Filter{View: inbox.ViewOpen}}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := siti.LoadScreen(ctx, ""); got.Top != nil || got.Open != 0 || got.Filter.View != inbox.ViewOpen {
		t.Errorf("screen after a second save = %+v", got)
	}
}
