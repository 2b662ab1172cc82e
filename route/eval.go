package route

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Labelled is one message of a labelled set: the unit and agency a careful
// dispatcher would pick.
type Labelled struct {
	Text     string  `json:"text"`
	Unit     *string `json:"unit"`      // Kemendagri code; null: no unit should be guessed
	UnitName string  `json:"unit_name"` // for people reading the file
	Outside  bool    `json:"outside"`
	Agency   *string `json:"agency"`
	Kind     string  `json:"kind"` // what the message tests: shared, typo, outside…
}

// ReadLabelled reads a labelled set in JSON lines.
func ReadLabelled(r io.Reader) ([]Labelled, error) {
	var out []Labelled
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var l Labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// Score is the matcher's record on a labelled set.
type Score struct {
	Messages  int // in the set
	WithUnit  int // messages that have a true unit
	Answered  int // messages the matcher gave a unit
	Correct   int // answers equal to the true unit
	Outside   int // messages labelled outside the regency
	OutsideOK int // of those, flagged outside with no unit
	Agencies  int // messages labelled with an agency
	AgencyOK  int // of those, the same agency found
	Misses    []Miss
}

// Miss is one message the matcher got wrong or left out.
type Miss struct {
	Labelled
	Got Decision
}

// Precision is correct answers over all answers (non-null units).
func (s Score) Precision() float64 { return ratio(s.Correct, s.Answered) }

// Recall is correct answers over messages that have a true unit.
func (s Score) Recall() float64 { return ratio(s.Correct, s.WithUnit) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate routes every message of set and scores the units on exact codes.
func Evaluate(r *Router, set []Labelled) Score {
	var s Score
	for _, l := range set {
		d := r.Route("", l.Text)
		s.Messages++
		want := ""
		if l.Unit != nil {
			want = *l.Unit
			s.WithUnit++
		}
		if d.Found() {
			s.Answered++
		}
		if d.Found() && d.Unit.Code == want {
			s.Correct++
		} else if d.Found() || want != "" {
			s.Misses = append(s.Misses, Miss{Labelled: l, Got: d})
		}
		if l.Outside {
			s.Outside++
			if d.Outside && !d.Found() {
				s.OutsideOK++
			}
		}
		if l.Agency != nil {
			s.Agencies++
			if d.Agency == *l.Agency {
				s.AgencyOK++
			}
		}
	}
	return s
}
