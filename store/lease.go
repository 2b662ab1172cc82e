package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// AcquireLease makes holder the database's relay until now+ttl, if nobody
// else holds a live lease. Calling it again as the holder renews the lease.
// A holder that crashed stops renewing, and the lease passes on once it expires.
func (s *Store) AcquireLease(ctx context.Context, holder string, ttl time.Duration) (bool, error) {
	now := s.now()
	var got bool
	err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`INSERT INTO relay_lease (id, holder, expires_at) VALUES (1, ?1, ?2)
			ON CONFLICT (id) DO UPDATE SET holder = ?1, expires_at = ?2
			WHERE relay_lease.holder = ?1 OR relay_lease.expires_at < ?3`, holder, ms(now.Add(ttl)), ms(now))
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		got = n == 1
		return nil
	})
	return got, err
}

// ReleaseLease gives the lease up at once so another process can take over
// without waiting for it to expire.
func (s *Store) ReleaseLease(ctx context.Context, holder string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM relay_lease WHERE holder = ?`, holder)
		return err
	})
}

// Lease says who runs the relay and until when; holder is "" when nobody does.
func (s *Store) Lease(ctx context.Context) (holder string, expires time.Time, err error) {
	var exp int64
	err = s.r.QueryRowContext(ctx, `SELECT holder, expires_at FROM relay_lease WHERE id = 1`).Scan(&holder, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	return holder, fromMS(exp), err
}
