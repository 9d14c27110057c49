// Package memo is the bounded map behind Skop's in-process memos and caches
// (validated responses, routes found, decoded params, jobs and list pages read):
// safe for concurrent use, and when full it starts over instead of growing or
// tracking recency. What it holds must be safe to hand out again: an entry is
// either immutable or checked by the caller before it is used (a version, an
// owner).
package memo

import "sync"

// Map holds at most max entries: adding one to a full map first empties it.
type Map[K comparable, V any] struct {
	mu  sync.RWMutex
	m   map[K]V
	max int
}

// New returns an empty map that holds at most max entries.
func New[K comparable, V any](max int) *Map[K, V] {
	return &Map[K, V]{m: map[K]V{}, max: max}
}

// Get returns k's value, if held.
func (c *Map[K, V]) Get(k K) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[k]
	return v, ok
}

// Put sets k's value.
func (c *Map[K, V]) Put(k K, v V) {
	c.Update(k, func(V, bool) V { return v })
}

// Update sets k's value to what f makes of the one it had (had is false when
// there was none, or the map was full and started over).
func (c *Map[K, V]) Update(k K, f func(prev V, had bool) V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	prev, had := c.m[k]
	c.m[k] = f(prev, had)
}

// Delete forgets k.
func (c *Map[K, V]) Delete(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}
