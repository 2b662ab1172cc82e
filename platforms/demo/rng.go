package demo

import (
	"hash/fnv"
	"strconv"

	"sapa/inbox"
)

// rng is a small splitmix64 generator. The simulator uses its own generator
// rather than math/rand so that the demo data stays byte-for-byte the same
// across Go releases: a seed written in someone's config must keep meaning
// the same Kabupaten Bogor.
type rng struct{ s uint64 }

// newRNG seeds a generator from the simulator seed and a stream name, so every
// conversation, live event and send attempt draws from its own independent
// stream and changing one never shifts another.
func newRNG(seed int64, parts ...any) *rng {
	return &rng{s: mix(seed, parts...)}
}

// mix hashes the seed and the parts into one 64-bit value.
func mix(seed int64, parts ...any) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(seed, 10)))
	for _, p := range parts {
		h.Write([]byte{0x1f})
		switch v := p.(type) {
		case string:
			h.Write([]byte(v))
		case int:
			h.Write([]byte(strconv.Itoa(v)))
		case int64:
			h.Write([]byte(strconv.FormatInt(v, 10)))
		case inbox.Platform:
			h.Write([]byte(v))
		default:
			panic("demo: unsupported rng part")
		}
	}
	return splitmix(h.Sum64())
}

func splitmix(x uint64) uint64 {
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

// intn returns a number in [0, n). n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns one element of xs.
func (r *rng) pick(xs []string) string { return xs[r.intn(len(xs))] }

// digits returns n random decimal digits.
func (r *rng) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.intn(10))
	}
	return string(b)
}

// alnum returns n random characters from alphabet.
func (r *rng) alnum(n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.intn(len(alphabet))]
	}
	return string(b)
}

// weighted returns an index into weights, chosen in proportion to them.
func (r *rng) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
