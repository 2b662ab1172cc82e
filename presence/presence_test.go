package presence

import (
	"reflect"
	"testing"

	"sapa/inbox"
)

func woke(s *Seat) bool {
	select {
	case <-s.Changed():
		return true
	default:
		return false
	}
}

func TestSeatsSeeEachOtherAndLeave(t *testing.T) {
	h := NewHub()
	siti, ujang, siti2 := h.Join("siti"), h.Join("ujang"), h.Join("siti")
	siti.Set(1, 7, false)
	if !woke(ujang) || !woke(siti2) || woke(siti) {
		t.Fatal("a change woke the wrong sessions")
	}
	if got := ujang.Others(); !reflect.DeepEqual(got, []inbox.Present{{Admin: "siti", ConvID: 7}}) {
		t.Errorf("ujang sees %+v", got)
	}
	if got := siti2.Others(); len(got) != 0 {
		t.Errorf("siti's other session sees siti as someone else: %+v", got)
	}
	// Reading and writing in one conversation by one admin shows as writing.
	siti2.Set(1, 7, true)
	if got := ujang.Others(); !reflect.DeepEqual(got, []inbox.Present{{Admin: "siti", ConvID: 7, Writing: true}}) {
		t.Errorf("ujang sees %+v", got)
	}
	woke(ujang)
	// An older call arriving late changes nothing; the same place wakes nobody.
	siti.Set(1, 9, true)
	siti.Set(2, 7, false)
	if woke(ujang) {
		t.Error("a stale or unchanged Set woke ujang")
	}
	// Many changes fold into one wake-up.
	siti.Set(3, 8, false)
	siti.Set(4, 9, false)
	if !woke(ujang) || woke(ujang) {
		t.Error("changes did not fold into one wake-up")
	}
	siti.Leave()
	siti2.Leave()
	if !woke(ujang) || len(ujang.Others()) != 0 {
		t.Errorf("leaving did not clear siti: %+v", ujang.Others())
	}
	siti.Set(5, 1, true) // after Leave: ignored
	if len(ujang.Others()) != 0 {
		t.Error("a seat that left came back")
	}
}
