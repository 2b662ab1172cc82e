package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func key(fp string) inbox.AdminKey {
	return inbox.AdminKey{Fingerprint: "SHA256:" + fp, PublicKey: "ssh-ed25519 AAAA" + fp + " " + fp}
}

func TestAdminRegistry(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if ok, _ := s.HasAdmins(ctx); ok {
		t.Fatal("a fresh store has admins")
	}
	a := inbox.Admin{Name: "siti", Unit: "32.01.05.2001", Role: inbox.Operator, Keys: []inbox.AdminKey{key("a")}}
	if err := s.AddAdmin(ctx, "root", a); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAdmin(ctx, "root", a); !errors.Is(err, ErrAdminExists) {
		t.Errorf("second add: %v", err)
	}
	b := inbox.Admin{Name: "budi", Unit: "32.01.05", Role: inbox.Supervisor, Keys: []inbox.AdminKey{key("a")}}
	if err := s.AddAdmin(ctx, "root", b); !errors.Is(err, ErrKeyTaken) {
		t.Errorf("taken key: %v", err)
	}
	if _, err := s.Admin(ctx, "budi"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed add left the admin behind: %v", err)
	}
	if err := s.AddAdmin(ctx, "root", inbox.Admin{Name: "x", Unit: "32.01", Role: "boss"}); err == nil {
		t.Error("unknown role accepted")
	}
	got, err := s.AdminByKey(ctx, "SHA256:a")
	if err != nil || got.Name != "siti" || got.Unit != "32.01.05.2001" || got.Role != inbox.Operator {
		t.Fatalf("AdminByKey = %+v, %v", got, err)
	}
	if err := s.AddAdminKey(ctx, "root", "siti", key("b")); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAdminKey(ctx, "root", "siti", "SHA256:a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdminByKey(ctx, "SHA256:a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed key still works: %v", err)
	}
	if err := s.RemoveAdminKey(ctx, "root", "siti", "SHA256:a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a missing key: %v", err)
	}
	all, err := s.Admins(ctx)
	if err != nil || len(all) != 1 || len(all[0].Keys) != 1 || all[0].Keys[0].Fingerprint != "SHA256:b" {
		t.Fatalf("Admins = %+v, %v", all, err)
	}
	if ok, _ := s.HasAdmins(ctx); !ok {
		t.Error("HasAdmins false with one admin")
	}
	audit, _ := s.Audit(ctx, 0, 10)
	var acts []string
	for _, e := range audit {
		acts = append(acts, e.Admin+":"+e.Action)
	}
	if got := strings.Join(acts, " "); got != "root:admin.add root:admin.key.add root:admin.key.remove" {
		t.Errorf("audit = %s", got)
	}
}

func TestDisableAdminHandsBackConversations(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("t1", "m1", "halo", t0), item("t2", "m2", "halo", t0)}, ""); err != nil {
		t.Fatal(err)
	}
	s.AddAdmin(ctx, "root", inbox.Admin{Name: "siti", Unit: "32.01", Role: inbox.Operator, Keys: []inbox.AdminKey{key("a")}})
	who := "siti"
	s.Apply(ctx, 1, "siti", Change{Assign: &who})
	s.Apply(ctx, 2, "siti", Change{Assign: &who, Status: inbox.StatusDone})
	s.SaveDraft(ctx, 1, "siti", "sedang ditindaklanjuti")
	code, err := s.Invite(ctx, "root", "siti", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.DisableAdmin(ctx, "root", "siti")
	if err != nil || n != 1 {
		t.Fatalf("DisableAdmin = %d, %v", n, err)
	}
	if c, _ := s.Conversation(ctx, 1); c.Assignee != "" {
		t.Errorf("open conversation still assigned to %q", c.Assignee)
	}
	if c, _ := s.Conversation(ctx, 2); c.Assignee != "siti" {
		t.Errorf("done conversation lost its history: %q", c.Assignee)
	}
	if d, _ := s.LoadDraft(ctx, 1, "siti"); d.Text == "" {
		t.Error("the draft of a disabled admin is gone")
	}
	if _, err := s.AdminByKey(ctx, "SHA256:a"); !errors.Is(err, ErrNotFound) {
		t.Error("a disabled admin's key still works")
	}
	if _, err := s.Enroll(ctx, code, key("z"), "10.0.0.1"); !errors.Is(err, ErrBadInvite) {
		t.Errorf("invitation of a disabled admin works: %v", err)
	}
	if ok, _ := s.HasAdmins(ctx); !ok {
		t.Error("disabling the last admin reopened the single-user mode")
	}
}

func TestInviteIsSingleUseAndExpires(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	s.AddAdmin(ctx, "root", inbox.Admin{Name: "ujang", Unit: "32.01.05.2002", Role: inbox.Operator})
	if _, err := s.Invite(ctx, "root", "ujang", 48*time.Hour); err == nil {
		t.Error("an invitation of two days was accepted")
	}
	if _, err := s.Invite(ctx, "root", "nobody", time.Hour); !errors.Is(err, ErrNotFound) {
		t.Errorf("invite unknown admin: %v", err)
	}
	code, err := s.Invite(ctx, "root", "ujang", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.InvitePending(ctx); !ok {
		t.Fatal("no invitation pending")
	}
	if _, err := s.Enroll(ctx, "wrong-code-000", key("u"), "10.0.0.9"); !errors.Is(err, ErrBadInvite) {
		t.Errorf("wrong code: %v", err)
	}
	a, err := s.Enroll(ctx, " "+strings.ToUpper(code)+" ", key("u"), "10.0.0.9")
	if err != nil || a.Name != "ujang" || len(a.Keys) != 1 {
		t.Fatalf("Enroll = %+v, %v", a, err)
	}
	if _, err := s.Enroll(ctx, code, key("v"), "10.0.0.9"); !errors.Is(err, ErrBadInvite) {
		t.Errorf("the code worked twice: %v", err)
	}
	if ok, _ := s.InvitePending(ctx); ok {
		t.Error("a used invitation is still pending")
	}
	code2, _ := s.Invite(ctx, "root", "ujang", time.Hour)
	clk.add(time.Hour + time.Second)
	if _, err := s.Enroll(ctx, code2, key("w"), "10.0.0.9"); !errors.Is(err, ErrBadInvite) {
		t.Errorf("an expired code worked: %v", err)
	}
	if ok, _ := s.InvitePending(ctx); ok {
		t.Error("an expired invitation is pending")
	}
}
