package youtube

import (
	"fmt"
	"sync"
	"time"
	_ "time/tzdata" // the quota day is Pacific time, wherever Sapa runs

	"sapa/platforms"
)

// DailyQuota is the Data API's default allowance per Google Cloud project.
const DailyQuota = 10000

// Unit costs of the calls Sapa makes (developers.google.com/youtube/v3/
// determine_quota_cost). Google charges a call even when it fails.
const (
	costList   = 1  // commentThreads.list, comments.list, videos.list, channels.list
	costInsert = 50 // comments.insert
	costModify = 50 // comments.setModerationStatus
)

// readReserve is kept back from polling so that replies and moderation (50
// units each) still go through on a busy day: polling stops first.
const readReserve = 1000

// pacific is where YouTube's quota day starts and ends.
var pacific = func() *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		// tzdata is embedded, so this cannot happen; PST is the safer guess.
		return time.FixedZone("PST", -8*3600)
	}
	return loc
}()

// quota counts the units this connector has spent today (Pacific time) and
// refuses a call that would exceed the allowance, so we stop before YouTube
// does and tell the relay exactly when to try again. The count travels in
// the fetch cursor, so a restart does not forget what was spent.
type quota struct {
	mu      sync.Mutex
	limit   int
	reserve int
	day     string
	used    int
}

func newQuota(limit, reserve int) *quota { return &quota{limit: limit, reserve: reserve} }

func quotaDay(now time.Time) string { return now.In(pacific).Format("2006-01-02") }

// nextReset is the next midnight in Pacific time.
func nextReset(now time.Time) time.Time {
	y, m, d := now.In(pacific).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, pacific)
}

// roll starts a new day's count when the Pacific date has changed.
func (q *quota) roll(now time.Time) {
	if day := quotaDay(now); day != q.day {
		q.day, q.used = day, 0
	}
}

// spend charges cost units, or refuses with a rate-limit error until the
// next reset. Reads must leave the reserve untouched; writes may use it.
func (q *quota) spend(now time.Time, cost int, write bool) *platforms.Error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	ceiling := q.limit
	if !write {
		ceiling -= q.reserve
	}
	if q.used+cost > ceiling {
		what := "polling paused to keep quota for replies"
		if write {
			what = "not enough quota left for this call"
		}
		return platforms.RateLimited(nextReset(now),
			fmt.Sprintf("YouTube quota: %d of %d units used today; %s until midnight Pacific time", q.used, q.limit, what))
	}
	q.used += cost
	return nil
}

// exhaust records that YouTube itself said the quota is gone (another
// program on the same project may have spent it).
func (q *quota) exhaust(now time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	q.used = q.limit
}

// restore raises the count to what a stored cursor says was spent today.
func (q *quota) restore(now time.Time, day string, used int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	if day == q.day && used > q.used {
		q.used = used
	}
}

// snapshot is today's date and count, for the cursor and for doctor.
func (q *quota) snapshot(now time.Time) (string, int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	return q.day, q.used
}
