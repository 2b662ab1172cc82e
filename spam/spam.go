// Package spam suggests which citizen messages are spam, learned from nothing
// but the office's own admins' marking: conversations they labelled spam, and
// conversations they answered or closed without that label. It is a naive
// Bayes classifier over words, links and number runs; no cloud service sees a
// message. It only suggests: the admin decides.
package spam

import (
	"math"
	"strings"
	"unicode"
)

// Model is a trained classifier. The zero Model suggests nothing.
type Model struct {
	spamDocs, hamDocs   int
	spamWords, hamWords int
	spam, ham           map[string]int
}

// Example is one message an admin judged.
type Example struct {
	Text string
	Spam bool
}

// Minimums below which the model stays silent: a handful of marks teaches
// nothing reliable, and a wrong suggestion costs an admin's trust.
const (
	minSpamDocs = 5
	minHamDocs  = 5
)

// Train builds a model from the admins' judgements.
func Train(examples []Example) Model {
	m := Model{spam: map[string]int{}, ham: map[string]int{}}
	for _, e := range examples {
		words := Features(e.Text)
		if e.Spam {
			m.spamDocs++
			m.spamWords += len(words)
			for _, w := range words {
				m.spam[w]++
			}
		} else {
			m.hamDocs++
			m.hamWords += len(words)
			for _, w := range words {
				m.ham[w]++
			}
		}
	}
	return m
}

// Ready reports whether the model has seen enough of both kinds to suggest.
func (m Model) Ready() bool { return m.spamDocs >= minSpamDocs && m.hamDocs >= minHamDocs }

// Probability is the chance text is spam as the admins have judged so far,
// between 0 and 1; 0 when the model is not Ready.
func (m Model) Probability(text string) float64 {
	if !m.Ready() {
		return 0
	}
	vocab := float64(len(m.spam) + len(m.ham))
	logSpam := math.Log(float64(m.spamDocs) / float64(m.spamDocs+m.hamDocs))
	logHam := math.Log(float64(m.hamDocs) / float64(m.spamDocs+m.hamDocs))
	seen := map[string]bool{}
	for _, w := range Features(text) {
		if seen[w] { // a word repeated ten times is not ten times the evidence
			continue
		}
		seen[w] = true
		if m.spam[w] == 0 && m.ham[w] == 0 {
			continue // a word neither side has seen says nothing
		}
		logSpam += math.Log((float64(m.spam[w]) + 1) / (float64(m.spamWords) + vocab))
		logHam += math.Log((float64(m.ham[w]) + 1) / (float64(m.hamWords) + vocab))
	}
	return 1 / (1 + math.Exp(logHam-logSpam))
}

// Suggest reports whether text is likely enough spam to suggest it: the
// threshold is high, since a citizen's real complaint closed as spam is the
// costly mistake.
func (m Model) Suggest(text string) bool { return m.Probability(text) >= 0.95 }

// Features are the tokens the model weighs: lower-cased words, a token for
// any link and for its host, and the shape of long number runs (a phone
// number or a prize amount), so "0812-3456-7890" and "0813 9999 1111" count
// as the same evidence.
func Features(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), unicode.IsSpace) {
		if host, ok := linkHost(f); ok {
			out = append(out, "<link>", "<host:"+host+">")
			continue
		}
		out = append(out, words(f)...)
	}
	return out
}

// linkHost recognises a link and returns its host.
func linkHost(f string) (string, bool) {
	rest, ok := strings.CutPrefix(f, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(f, "http://"); !ok {
			if !strings.HasPrefix(f, "www.") && !strings.HasPrefix(f, "bit.ly/") && !strings.HasPrefix(f, "wa.me/") {
				return "", false
			}
			rest = f
		}
	}
	host, _, _ := strings.Cut(rest, "/")
	return strings.TrimPrefix(host, "www."), host != ""
}

// words splits a field into runs of letters and runs of digits; a digit run
// of six or more (joined across - . and spaces inside the field) becomes its
// length class.
func words(f string) []string {
	var out []string
	var cur []rune
	digits := 0
	flush := func() {
		if len(cur) > 1 || digits > 0 {
			if digits >= 6 {
				out = append(out, "<num"+bucket(digits)+">")
			} else if len(cur) > 0 {
				out = append(out, string(cur))
			}
		}
		cur, digits = cur[:0], 0
	}
	for _, r := range f {
		switch {
		case unicode.IsDigit(r):
			if len(cur) > 0 && digits == 0 {
				flush()
			}
			digits++
			cur = append(cur, r)
		case unicode.IsLetter(r):
			if digits > 0 {
				flush()
			}
			cur = append(cur, r)
		case digits > 0 && (r == '-' || r == '.'):
			// a separator inside a number run: 0812-3456
		default:
			flush()
		}
	}
	flush()
	return out
}

func bucket(n int) string {
	switch {
	case n >= 12:
		return "12+"
	case n >= 9:
		return "9-11"
	}
	return "6-8"
}
