package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"sapa/inbox"
)

func TestKnownAssigneesAndLabels(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	var ids []int64
	for i := 0; i < 5; i++ {
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item(fmt.Sprint("p", i), fmt.Sprint("m", i), "halo", t0.Add(time.Duration(i)*time.Minute))}, ""); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	for i, ch := range []struct{ who, label string }{{"siti", "jalan"}, {"budi", "ktp"}, {"siti", "banjir"}, {"", "jalan"}} {
		who := ch.who
		if _, err := s.Apply(ctx, ids[i], "ani", Change{Assign: &who, ExpectAssignee: "-", AddLabel: ch.label}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.KnownAssignees(ctx)
	if err != nil || !reflect.DeepEqual(got, []string{"budi", "siti"}) {
		t.Errorf("assignees %v, %v", got, err)
	}
	labels, err := s.KnownLabels(ctx)
	if err != nil || !reflect.DeepEqual(labels, []string{"banjir", "jalan", "ktp"}) {
		t.Errorf("labels %v, %v", labels, err)
	}
}
