package memo

import (
	"sync"
	"testing"
)

func TestMap(t *testing.T) {
	m := New[string, int](3)
	m.Put("a", 1)
	m.Update("a", func(prev int, had bool) int {
		if !had || prev != 1 {
			t.Errorf("update saw %d, %v", prev, had)
		}
		return prev + 1
	})
	if v, ok := m.Get("a"); !ok || v != 2 {
		t.Errorf("a = %d, %v", v, ok)
	}
	m.Put("b", 1)
	m.Put("c", 1)
	m.Put("d", 1) // full: starts over
	if _, ok := m.Get("a"); ok {
		t.Error("a full map kept its entries")
	}
	if v, ok := m.Get("d"); !ok || v != 1 {
		t.Errorf("d = %d, %v", v, ok)
	}
	m.Delete("d")
	if _, ok := m.Get("d"); ok {
		t.Error("d was not deleted")
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 1000 {
				m.Put(string(rune('a'+i)), j)
				m.Get("a")
			}
		})
	}
	wg.Wait()
}
