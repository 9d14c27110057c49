package jobs

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// listCursor is a position in a newest-first listing.
type listCursor struct {
	createdAt int64
	id        string
}

func (c listCursor) encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(c.createdAt, 10) + ":" + c.id))
}

func decodeCursor(s string) (*listCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, ErrBadCursor
	}
	ts, id, ok := strings.Cut(string(b), ":")
	if !ok || !strings.HasPrefix(id, "job_") {
		return nil, ErrBadCursor
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, ErrBadCursor
	}
	return &listCursor{createdAt: n, id: id}, nil
}
