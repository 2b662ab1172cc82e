package spam

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

var (
	spamTexts = []string{
		"slot gacor maxwin depo jutaan https://bit.ly/gacor",
		"slot gacor malam ini depo wd https://dewajp.top",
		"maxwin slot gacor depo 10rb cair",
		"gacor parah maxwin depo cepat",
		"slot depo wd gacor maxwin https://bit.ly/koin",
	}
	hamTexts = []string{
		"jalan rusak parah kapan diperbaiki",
		"lampu jalan mati sejak minggu lalu",
		"cara mengurus ktp yang hilang",
		"sampah menumpuk di pasar belum diangkut",
		"air pdam mati lagi mohon dicek",
	}
)

// judgements are the office's marks: the spam ones labelled when marked.
func judgements(marked bool) []Example {
	var ex []Example
	for _, t := range spamTexts {
		ex = append(ex, Example{Text: t, Spam: marked})
	}
	for _, t := range hamTexts {
		ex = append(ex, Example{Text: t})
	}
	return ex
}

// office stands in for the store: the marks change as admins mark and
// unmark, and each load is counted.
type office struct {
	marked atomic.Bool
	loads  atomic.Int64
}

func (o *office) load(context.Context) ([]Example, error) {
	o.loads.Add(1)
	return judgements(o.marked.Load()), nil
}

// TestSharedTrainsOnce: many screens asking at once get one training.
func TestSharedTrainsOnce(t *testing.T) {
	o := &office{}
	o.marked.Store(true)
	s := NewShared(o.load)
	var wg sync.WaitGroup
	snaps := make([]*Snapshot, 50)
	for i := range snaps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, err := s.Ready(context.Background())
			if err != nil {
				t.Error(err)
			}
			snaps[i] = snap
		}()
	}
	wg.Wait()
	if s.Trainings() != 1 || o.loads.Load() != 1 {
		t.Fatalf("%d trainings, %d loads for 50 screens, want 1", s.Trainings(), o.loads.Load())
	}
	for _, snap := range snaps {
		if snap != snaps[0] || snap.Gen != 1 || !snap.Model.Suggest("slot gacor maxwin depo") {
			t.Fatalf("screens got different or untrained models: %+v", snap)
		}
	}
}

// TestSharedRetrainReachesEveryone: an unmark retrains for all readers,
// who are told through Next; readers and retrains race freely (-race).
func TestSharedRetrainReachesEveryone(t *testing.T) {
	o := &office{}
	o.marked.Store(true)
	s := NewShared(o.load)
	first, _ := s.Ready(context.Background())
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { // a screen drawing rows
			defer wg.Done()
			for range 200 {
				s.Current().Model.Suggest("slot gacor maxwin depo")
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() { // admins marking
			defer wg.Done()
			if _, err := s.Retrain(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	<-first.Next          // closed: the readers of the first model are told
	o.marked.Store(false) // an admin takes the spam label off: "not spam"
	snap, err := s.Retrain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if snap.Model.Ready() || s.Current() != snap {
		t.Fatalf("after the unmark the suggestion still suggests: %+v", snap)
	}
	if n := s.Trainings(); n < 3 || n > 6 {
		t.Fatalf("%d trainings for 1 start, 4 marks and 1 unmark", n)
	}
}
