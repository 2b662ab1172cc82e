package instagram_test

import (
	"context"
	"strings"
	"testing"

	"sapa/platforms"
	"sapa/platforms/instagram/instagramtest"
)

// TestDMListErrorDegradesOnlyDMs: an app without DM access gets code 100
// subcode 33 from the conversations edge. Comments keep flowing — in this
// run and after a restart from the saved cursor — the batch says the direct
// messages feed is the one failing, and doctor names that feed.
func TestDMListErrorDegradesOnlyDMs(t *testing.T) {
	f := &fake{instagramtest.New(t, instagramtest.WithDMListError(400, 100, 33,
		"Unsupported get request. Object with ID 'me' does not exist, cannot be loaded due to missing permissions, or does not support this operation."))}
	ids := f.AddInbound(t, "jalan rusak di Cibinong")
	c := f.Connector(t)
	items, cur := fetchAll(t, c, "")
	if len(items) != 1 || items[0].Message.ExternalID != ids[0] {
		t.Fatalf("first pass: %+v", items)
	}
	b, err := c.Fetch(context.Background(), cur)
	if err != nil || !strings.Contains(b.Degraded, "direct messages") || strings.Contains(b.Degraded, "comments") {
		t.Fatalf("a later fetch: %+v %v; want it to name only the direct messages feed", b, err)
	}

	more := f.AddInbound(t, "lampu PJU mati")
	restarted := f.Connector(t)
	items, _ = fetchAll(t, restarted, cur)
	if len(items) != 1 || items[0].Message.ExternalID != more[0] {
		t.Fatalf("after a restart comments stopped: %+v", items)
	}

	var failed []string
	for _, fd := range restarted.(platforms.Checker).Check(context.Background()) {
		if !fd.OK {
			failed = append(failed, fd.Check)
		}
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], "direct messages") {
		t.Fatalf("doctor reports %q failing; want only the direct messages feed", failed)
	}
}
