package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"sapa/inbox"
)

// Errors of the admin registry.
var (
	ErrAdminExists = errors.New("an admin with that name already exists")
	ErrKeyTaken    = errors.New("that key is already registered")
	ErrBadInvite   = errors.New("the code is wrong, used or expired")
)

// AddAdmin registers a, with its keys, in one transaction; actor signs the
// audit row.
func (s *Store) AddAdmin(ctx context.Context, actor string, a inbox.Admin) error {
	if !a.Role.Valid() {
		return fmt.Errorf("role %q: want supervisor, operator or viewer", a.Role)
	}
	if strings.TrimSpace(a.Name) == "" || a.Unit == "" {
		return errors.New("an admin needs a name and a unit")
	}
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRow(`INSERT INTO admins (name, unit, role, needs_approval, created_at) VALUES (?, ?, ?, ?, ?)
			RETURNING id`, a.Name, a.Unit, a.Role, a.NeedsApproval, now).Scan(&id)
		if isUnique(err) {
			return fmt.Errorf("%s: %w", a.Name, ErrAdminExists)
		} else if err != nil {
			return err
		}
		for _, k := range a.Keys {
			if err := addKey(tx, id, k, now); err != nil {
				return err
			}
		}
		detail := fmt.Sprintf("%s unit=%s role=%s approval=%v keys=%d", a.Name, a.Unit, a.Role, a.NeedsApproval, len(a.Keys))
		return logAudit(tx, now, actor, inbox.AuditAdminAdd, 0, detail)
	})
}

func addKey(tx *sql.Tx, adminID int64, k inbox.AdminKey, now int64) error {
	_, err := tx.Exec(`INSERT INTO admin_keys (fingerprint, admin_id, public_key, added_at) VALUES (?, ?, ?, ?)`,
		k.Fingerprint, adminID, k.PublicKey, now)
	if isUnique(err) {
		return fmt.Errorf("%s: %w", k.Fingerprint, ErrKeyTaken)
	}
	return err
}

// isUnique reports a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint &&
		(se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

const adminColumns = `a.id, a.name, a.unit, a.role, a.needs_approval, a.disabled_at, a.nudge_via, a.nudge_to`

// loadAdmin reads one admin row and its keys.
func (s *Store) loadAdmin(ctx context.Context, where string, arg any) (inbox.Admin, error) {
	var a inbox.Admin
	var id, disabled int64
	err := s.r.QueryRowContext(ctx, `SELECT `+adminColumns+` FROM admins a WHERE `+where, arg).
		Scan(&id, &a.Name, &a.Unit, &a.Role, &a.NeedsApproval, &disabled, &a.Nudge.Via, &a.Nudge.To)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("admin: %w", ErrNotFound)
	} else if err != nil {
		return a, err
	}
	a.Disabled = fromMS(disabled)
	a.Keys, err = s.adminKeys(ctx, id)
	return a, err
}

func (s *Store) adminKeys(ctx context.Context, id int64) ([]inbox.AdminKey, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT fingerprint, public_key, added_at FROM admin_keys WHERE admin_id = ? ORDER BY added_at, fingerprint`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.AdminKey
	for rows.Next() {
		var k inbox.AdminKey
		var at int64
		if err := rows.Scan(&k.Fingerprint, &k.PublicKey, &at); err != nil {
			return nil, err
		}
		k.Added = fromMS(at)
		out = append(out, k)
	}
	return out, rows.Err()
}

// Admin returns the admin with that name, disabled or not.
func (s *Store) Admin(ctx context.Context, name string) (inbox.Admin, error) {
	a, err := s.loadAdmin(ctx, `a.name = ?`, name)
	if err != nil {
		return a, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

// AdminByKey returns the active admin who registered the key with this
// fingerprint; ErrNotFound when nobody did or the admin is disabled.
func (s *Store) AdminByKey(ctx context.Context, fingerprint string) (inbox.Admin, error) {
	return s.loadAdmin(ctx, `a.disabled_at = 0 AND a.id = (SELECT admin_id FROM admin_keys WHERE fingerprint = ?)`, fingerprint)
}

// Admins lists every admin, active ones first, by name.
func (s *Store) Admins(ctx context.Context) ([]inbox.Admin, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM admins ORDER BY disabled_at != 0, name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]inbox.Admin, 0, len(names))
	for _, n := range names {
		a, err := s.Admin(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// HasAdmins reports whether any admin was ever registered, disabled ones
// included. Until then a single-user setup runs as its login user; disabling
// the last admin must not open the inbox to everyone again.
func (s *Store) HasAdmins(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM admins)`).Scan(&n)
	return n == 1, err
}

// adminID finds an admin's id inside a transaction.
func adminID(tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRow(`SELECT id FROM admins WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("admin %s: %w", name, ErrNotFound)
	}
	return id, err
}

// AddAdminKey registers one more key for an admin.
func (s *Store) AddAdminKey(ctx context.Context, actor, name string, k inbox.AdminKey) error {
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		id, err := adminID(tx, name)
		if err != nil {
			return err
		}
		if err := addKey(tx, id, k, now); err != nil {
			return err
		}
		return logAudit(tx, now, actor, inbox.AuditAdminKeyAdd, 0, name+" "+k.Fingerprint)
	})
}

// RemoveAdminKey removes one of an admin's keys, by fingerprint.
func (s *Store) RemoveAdminKey(ctx context.Context, actor, name, fingerprint string) error {
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		id, err := adminID(tx, name)
		if err != nil {
			return err
		}
		r, err := tx.Exec(`DELETE FROM admin_keys WHERE admin_id = ? AND fingerprint = ?`, id, fingerprint)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("%s has no key %s: %w", name, fingerprint, ErrNotFound)
		}
		return logAudit(tx, now, actor, inbox.AuditAdminKeyRemove, 0, name+" "+fingerprint)
	})
}

// DisableAdmin disables an admin moved away (mutasi): their keys stop
// working, pending invitations die, and the conversations assigned to them
// that are not done go back to their unit (unassigned). Their drafts stay.
// It returns how many conversations were handed back.
func (s *Store) DisableAdmin(ctx context.Context, actor, name string) (int, error) {
	now := ms(s.now())
	var handed int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		id, err := adminID(tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE admins SET disabled_at = ? WHERE id = ? AND disabled_at = 0`, now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE admin_invites SET used_at = ? WHERE admin_id = ? AND used_at = 0`, now, id); err != nil {
			return err
		}
		rows, err := tx.Query(`UPDATE conversations SET assignee = '', version = version + 1
			WHERE assignee = ? AND status != 'done' RETURNING id`, name)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var c int64
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		handed = int64(len(ids))
		for _, c := range ids {
			if err := logAudit(tx, now, actor, inbox.AuditAssign, c, ""); err != nil {
				return err
			}
		}
		return logAudit(tx, now, actor, inbox.AuditAdminDisable, 0, fmt.Sprintf("%s handed back %d", name, handed))
	})
	return int(handed), err
}

// inviteAlphabet has no letters that look alike (0/O, 1/l/I).
const inviteAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// newCode returns a one-time code like "k7m2-9xqa-3hfp" (about 64 bits).
func newCode() (string, error) {
	b := make([]byte, 13)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var out strings.Builder
	for i := 0; i < 12; i++ {
		if i > 0 && i%4 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(inviteAlphabet[int(b[i])%len(inviteAlphabet)])
	}
	return out.String(), nil
}

// codeHash is what the store keeps of a code; spaces, dashes and case do
// not matter when the admin types it.
func codeHash(code string) string {
	norm := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(code)))
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}

// Invite creates a one-time enrolment code for an existing, active admin,
// valid for ttl (at most a day). Only its hash is stored.
func (s *Store) Invite(ctx context.Context, actor, name string, ttl time.Duration) (string, error) {
	if ttl <= 0 || ttl > 24*time.Hour {
		return "", fmt.Errorf("an invitation lasts more than 0 and at most 24h, not %s", ttl)
	}
	code, err := newCode()
	if err != nil {
		return "", err
	}
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var id, disabled int64
		err := tx.QueryRow(`SELECT id, disabled_at FROM admins WHERE name = ?`, name).Scan(&id, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("admin %s: %w (add the admin first)", name, ErrNotFound)
		} else if err != nil {
			return err
		}
		if disabled != 0 {
			return fmt.Errorf("admin %s is disabled", name)
		}
		if _, err := tx.Exec(`INSERT INTO admin_invites (code_hash, admin_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			codeHash(code), id, ms(now), ms(now.Add(ttl))); err != nil {
			return err
		}
		return logAudit(tx, ms(now), actor, inbox.AuditAdminInvite, 0, fmt.Sprintf("%s until %s", name, now.Add(ttl).UTC().Format(time.RFC3339)))
	})
	return code, err
}

// InvitePending reports whether an unused, unexpired invitation exists:
// only then does the SSH service let an unknown key reach the enrolment screen.
func (s *Store) InvitePending(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM admin_invites WHERE used_at = 0 AND expires_at > ?)`,
		ms(s.now())).Scan(&n)
	return n == 1, err
}

// Enroll spends a one-time code: the key becomes the invited admin's, and
// the code never works again. from (the client's address) goes to the audit log.
func (s *Store) Enroll(ctx context.Context, code string, k inbox.AdminKey, from string) (inbox.Admin, error) {
	now := ms(s.now())
	var name string
	err := s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRow(`UPDATE admin_invites SET used_at = ?1 WHERE code_hash = ?2 AND used_at = 0 AND expires_at > ?1
			AND admin_id IN (SELECT id FROM admins WHERE disabled_at = 0) RETURNING admin_id`, now, codeHash(code)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrBadInvite
		} else if err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT name FROM admins WHERE id = ?`, id).Scan(&name); err != nil {
			return err
		}
		if err := addKey(tx, id, k, now); err != nil {
			return err
		}
		return logAudit(tx, now, name, inbox.AuditAdminEnroll, 0, k.Fingerprint+" from "+from)
	})
	if err != nil {
		return inbox.Admin{}, err
	}
	return s.Admin(ctx, name)
}

// LogSession records a login or logout in the audit log: who, with which
// key, from where.
func (s *Store) LogSession(ctx context.Context, admin string, action inbox.AuditAction, fingerprint, from string) error {
	now := ms(s.now())
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		return logAudit(tx, now, admin, action, 0, fingerprint+" from "+from)
	})
}
