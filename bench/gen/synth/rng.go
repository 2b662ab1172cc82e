package synth

import "strconv"

// rng is a splitmix64 generator: tiny, fast, and the same on every Go
// release, so a seed always describes the same store.
type rng struct{ s uint64 }

func newRNG(seed int64, stream uint64, i int) *rng {
	return &rng{s: mix(uint64(seed) ^ mix(stream) ^ mix(uint64(i)+0x51ed27))}
}

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	x := r.s
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (r *rng) intn(n int) int          { return int(r.next() % uint64(n)) }
func (r *rng) between(lo, hi int) int  { return lo + r.intn(hi-lo+1) }
func (r *rng) float() float64          { return float64(r.next()>>11) / (1 << 53) }
func (r *rng) chance(p float64) bool   { return r.float() < p }
func (r *rng) pick(xs []string) string { return xs[r.intn(len(xs))] }
func (r *rng) digits(n int) string     { return r.alnum(n, "0123456789") }
func (r *rng) zipf(xs []string) string { u := r.float(); return xs[int(float64(len(xs))*u*u*u)] }
func (r *rng) alnum(n int, a string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = a[r.intn(len(a))]
	}
	return string(b)
}

// weighted returns an index into weights, chosen in proportion to them.
func (r *rng) weighted(weights []int, total int) int {
	n := r.intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// syllables make made-up words: typos, nicknames and slang, the long tail
// of a real inbox's vocabulary. Each is rare.
var syllables = []string{"ka", "ri", "ngu", "sa", "te", "lo", "ma", "pi", "du", "ne", "ra", "gu", "ci", "bo",
	"ja", "wi", "ku", "le", "mo", "ta", "ngi", "su", "pe", "ro", "ha", "di", "ba", "yu", "ke", "na", "tu", "se",
	"pa", "li", "go", "de", "nya", "ru", "me", "ga"}

func (r *rng) word() string {
	n := r.between(3, 4)
	b := make([]byte, 0, 12)
	for i := 0; i < n; i++ {
		b = append(b, syllables[r.intn(len(syllables))]...)
	}
	return string(b)
}

func itoa(i int) string { return strconv.Itoa(i) }
