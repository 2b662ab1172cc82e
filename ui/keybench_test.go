package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// seedBench fills the store with n conversations across the three accounts,
// with the lengths and mix of a real inbox: long snippets, some assigned,
// some urgent, some read, deadlines running.
func seedBench(t testing.TB, e *env, n int) {
	t.Helper()
	accts := []string{"fb-pemkab", "wa-pemkab", "x-pemkab"}
	texts := []string{
		"Jalan di depan pasar Cibadak rusak parah sejak musim hujan, kapan diperbaiki? Sudah banyak motor jatuh",
		"Selamat pagi, saya mau tanya syarat bikin KTP baru untuk anak yang baru 17 tahun",
		"@pemkab banjir lagi di Jl. Merdeka, mohon dibantu pompa air secepatnya",
		"Vaksin booster ada di puskesmas mana saja? Terima kasih",
	}
	msgs := make([]seedMsg, n)
	for i := range msgs {
		msgs[i] = seedMsg{accts[i%len(accts)], fmt.Sprintf("b%04d", i), "", fmt.Sprintf("Warga Desa Nomor %04d", i),
			fmt.Sprintf("bm%04d", i), texts[i%len(texts)], t0.Add(-time.Duration(i) * 7 * time.Minute)}
	}
	if err := e.ingest(msgs...); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rows, err := e.st.List(ctx, inbox.Filter{View: inbox.ViewAll}, inbox.Page{Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range rows {
		var ch inbox.Change
		switch i % 5 {
		case 1:
			who := "ani"
			ch.Assign = &who
		case 2:
			p := 2
			ch.Priority = &p
		case 3:
			ch.MarkRead = true
		default:
			continue
		}
		if _, err := e.st.Apply(ctx, c.ID, "ani", ch); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkListKey is one key on the inbox list as the SSH service runs it:
// Update with the key, then View of the whole frame. Runs of ten j and ten
// k (as bench/sshload presses them) keep the selection inside the window,
// so no store call is made: this is the screen's own CPU per key.
func BenchmarkListKey(b *testing.B) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		for _, low := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d", size.w, size.h)
			if low {
				name += "-low"
			}
			b.Run(name, func(b *testing.B) {
				e := newEnv(b)
				seedBench(b, e, 120)
				cfg := testConfig()
				cfg.UI.LowBandwidth = low
				m := newModel(b, e, cfg)
				m = send(b, m, tea.WindowSizeMsg{Width: size.w, Height: size.h})
				benchKeys(b, m, nil)
			})
		}
	}
}

// BenchmarkPreviewKey is one key in the wide layout as the SSH service runs
// it when the selection rests between keys (bench/sshload presses one every
// 500 ms): the list frame, then the rested selection's preview, read and
// drawn, and its frame. Runs of ten j and ten k show each preview twice.
func BenchmarkPreviewKey(b *testing.B) {
	e := newEnv(b)
	seedBench(b, e, 120)
	m := newModel(b, e, testConfig())
	m = send(b, m, tea.WindowSizeMsg{Width: 200, Height: 50})
	benchKeys(b, m, func(m Model) Model {
		c, _ := m.list.selected()
		m = run(b, m, func() tea.Msg { return previewTickMsg{id: c.ID} })
		_ = m.View()
		return m
	})
}

// benchKeys times b.N keys on m, Update and View each, in runs of ten j
// and ten k (as bench/sshload presses them), then after (if any) for each
// key, and reports the CPU per key, GC included: what the SSH service
// pays, however loaded the machine is.
func benchKeys(b *testing.B, m Model, after func(Model) Model) {
	j, k := press("j"), press("k")
	_ = m.View()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		key := j
		if (i/10)%2 == 1 {
			key = k
		}
		next, _ := m.Update(key)
		m = next.(Model)
		_ = m.View()
		if after != nil {
			m = after(m)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
}
