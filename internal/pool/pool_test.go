package pool

import "testing"

func TestGetReturnsWhatWasPut(t *testing.T) {
	var p Arrays[int32]
	p.MaxClass = 12
	a := p.Get(3000)
	if len(a) != 3000 || cap(a) != 4096 {
		t.Fatalf("Get(3000): len %d cap %d, want 3000 and the class's 4096", len(a), cap(a))
	}
	// sync.Pool may drop what it is given (the race detector makes it
	// drop a quarter at random), so the array must come back at least
	// once in a few tries, and what comes back must be whole.
	back := false
	for i := 0; i < 50 && !back; i++ {
		a[0] = 7
		p.Put(a)
		b := p.Get(2049)
		if len(b) != 2049 || cap(b) != 4096 {
			t.Fatalf("Get(2049): len %d cap %d, want 2049 and 4096", len(b), cap(b))
		}
		back = &b[0] == &a[0]
		a = b[:3000]
	}
	if !back {
		t.Error("Get never returned the array put back")
	}
}

func TestClasses(t *testing.T) {
	var p Arrays[byte]
	p.MaxClass = 12
	// Pooled sizes get their class's capacity; past MaxClass, an array
	// of exactly the size asked.
	for _, c := range []struct {
		n   int
		cap int
	}{
		{0, 1024}, {1, 1024}, {1024, 1024}, {1025, 2048}, {4096, 4096}, {4097, 4097},
	} {
		if a := p.Get(c.n); len(a) != c.n || cap(a) != c.cap {
			t.Errorf("Get(%d): len %d cap %d, want cap %d", c.n, len(a), cap(a), c.cap)
		}
	}
}

func TestPutKeepsOnlyWhatFits(t *testing.T) {
	var p Arrays[byte]
	p.MaxClass = 12
	// An array of 3000 fits requests of up to 2048 (its class), never
	// one of 3000: a Get must not return a shorter array than asked.
	p.Put(make([]byte, 3000))
	if a := p.Get(2100); cap(a) < 2100 {
		t.Fatalf("Get(2100) returned cap %d", cap(a))
	}
	p.Put(make([]byte, 100))   // below the smallest class: dropped
	p.Put(make([]byte, 1<<13)) // above MaxClass: dropped
	if a := p.Get(1 << 12); cap(a) != 1<<12 {
		t.Errorf("Get(4096): cap %d, want a fresh array of the class", cap(a))
	}
}
