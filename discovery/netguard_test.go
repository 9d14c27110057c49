package discovery

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

func TestIsPublicAddr(t *testing.T) {
	blocked := []string{
		"127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3",
		"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
		"169.254.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255",
		"224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
		"192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1",
		"::", "::1", "fe80::1", "fe80::1%eth0", "febf:ffff::1", "fc00::1", "fd12:3456:789a::1",
		"ff02::1", "ff05::2", "2001:db8::1", "fec0::1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.1.1", "::ffff:0.0.0.0",
		"::ffff:7f00:1", "::127.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
		// SIIT IPv4-translated (::ffff:0:a.b.c.d) forms of loopback, private and metadata.
		"::ffff:0:7f00:1", "::ffff:0:a00:1", "::ffff:0:a9fe:a9fe", "::ffff:0:c0a8:101",
		// 6to4 (2002:AABB:CCDD::/48 wraps AA.BB.CC.DD) and Teredo (2001:0::/32) forms.
		"2002:7f00:1::1", "2002:a00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::1", "2002:808:808::1",
		"2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:53aa:64c:0:0:f5ff:fffe",
		// Other IANA special-purpose IPv6 ranges, and everything outside 2000::/3.
		"2001:2::1", "2001:10::1", "2001:20::1", "3fff::1", "5f00::1", "100:0:0:1::1", "2620:4f:8000::1",
		"4000::1", "::2", "1::1",
		// Other IANA special-purpose IPv4 ranges.
		"192.0.0.170", "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.175.48.1",
	}
	public := []string{
		"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
		"169.253.255.255", "11.0.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
		"64:ff9b::808:808", "::ffff:0:808:808", "2a00:1450:4001::200e", "3ffe::1",
	}
	for _, s := range blocked {
		if IsPublicAddr(netip.MustParseAddr(s)) {
			t.Errorf("IsPublicAddr(%s) = true, want false", s)
		}
	}
	for _, s := range public {
		if !IsPublicAddr(netip.MustParseAddr(s)) {
			t.Errorf("IsPublicAddr(%s) = false, want true", s)
		}
	}
	if IsPublicAddr(netip.Addr{}) {
		t.Error("the zero Addr must not be public")
	}
}

// TestDialControlSpellings checks the dial hook against the forms an address takes
// once resolved: the hook sees "ip:port" as the dialer passes it.
func TestDialControlSpellings(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "[::1]:443", "[::ffff:127.0.0.1]:80", "[fe80::1%lo]:80", "169.254.169.254:80", "10.1.2.3:8080", "not-an-ip:80", "garbage"} {
		if err := dialControl("tcp", addr, nil); !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("dialControl(%q) = %v, want ErrBlockedAddress", addr, err)
		}
	}
	if err := dialControl("tcp", "8.8.8.8:443", nil); err != nil {
		t.Errorf("dialControl(8.8.8.8:443) = %v, want nil", err)
	}
}

// TestEngineRefusesLoopback runs the engine, without the private-network
// allowance, against sites on loopback only: the start URL, a redirect to loopback,
// and a public-looking name that a stub resolver answers with 127.0.0.1.
func TestEngineRefusesLoopback(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<a href="/a.pdf">minutes</a>`),
	})
	defer site.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(site.URL, "http://"))

	// A resolver whose DNS server is a tiny UDP responder on loopback that answers
	// every A query with 127.0.0.1.
	dns := startStubDNS(t)
	resolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", dns)
	}}

	e := New(Config{Resolver: resolver, RequestTimeout: 5 * time.Second})
	for _, start := range []string{
		site.URL + "/",
		"http://localhost:" + port + "/",
		"http://public-looking.example.com:" + port + "/",
	} {
		err := e.Run(context.Background(), Request{StartURL: start, Prompt: "meeting minutes", SinglePage: true}, nil)
		var fe *FatalError
		if !errors.As(err, &fe) || fe.Kind != "blocked_address" {
			t.Errorf("Run(%s) = %v, want a FatalError of kind blocked_address", start, err)
		}
	}

	if n := len(site.Requests()); n != 0 {
		t.Errorf("the loopback site received %d requests, want 0", n)
	}

	// A redirect from an allowed server to loopback is refused at dial time: the
	// redirector is let through the guard by exact address, its target is not.
	redirector := testsite.New(map[string]testsite.Resource{"/": {Status: http.StatusFound}})
	defer redirector.Close()
	var hops atomic.Int32
	redirector.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		hops.Add(1)
		http.Redirect(w, r, site.URL+"/", http.StatusFound)
	})
	redirAddr := strings.TrimPrefix(redirector.URL, "http://")
	e = New(Config{exemptDial: func(a string) bool { return a == redirAddr }})
	err := e.Run(context.Background(), Request{StartURL: redirector.URL + "/", Prompt: "meeting minutes", SinglePage: true}, nil)
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "blocked_address" {
		t.Errorf("Run through a redirect to loopback = %v, want a FatalError of kind blocked_address", err)
	}
	if hops.Load() != 1 {
		t.Errorf("the redirector received %d requests, want 1 (the first hop is allowed)", hops.Load())
	}
	if n := len(site.Requests()); n != 0 {
		t.Errorf("the redirect target received %d requests, want 0", n)
	}
}

// TestEngineRefusesTransitionForms resolves a public-looking name to IPv6 forms
// that wrap a loopback IPv4 address (6to4, SIIT, Teredo, NAT64): each is refused at
// dial time, so no packet leaves for any address, loopback or not.
func TestEngineRefusesTransitionForms(t *testing.T) {
	for _, addr := range []string{"2002:7f00:1::1", "::ffff:0:7f00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "64:ff9b::7f00:1", "::ffff:127.0.0.1"} {
		t.Run(addr, func(t *testing.T) {
			dns := startStubDNSWith(t, nil, net.ParseIP(addr))
			resolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, "udp", dns)
			}}
			e := New(Config{Resolver: resolver, RequestTimeout: 5 * time.Second, MaxRetries: -1})
			err := e.Run(context.Background(), Request{StartURL: "http://public-looking.example.com/", Prompt: "meeting minutes", SinglePage: true}, nil)
			var fe *FatalError
			if !errors.As(err, &fe) || fe.Kind != "blocked_address" {
				t.Errorf("Run = %v, want a FatalError of kind blocked_address", err)
			}
			// The literal spelling in a URL is refused before any dial.
			if !refusedHost("[" + addr + "]") {
				t.Errorf("refusedHost([%s]) = false", addr)
			}
		})
	}
}

func TestHostAddrSpellings(t *testing.T) {
	loopback := []string{"127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.0.0.1", "127.1", "127.0.1", "0177.1",
		"0x7F.0x0.0x0.0x1", "[::1]", "::1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "127.0.0.1."}
	for _, h := range loopback {
		a, ok := HostAddr(h)
		if !ok || !a.Unmap().IsLoopback() {
			t.Errorf("HostAddr(%q) = %v, %v; want a loopback address", h, a, ok)
		}
		if !refusedHost(h) {
			t.Errorf("refusedHost(%q) = false", h)
		}
	}
	others := map[string]string{
		"0xa9fea9fe": "169.254.169.254", "2852039166": "169.254.169.254", "0251.0376.0251.0376": "169.254.169.254",
		"10.1": "10.0.0.1", "012.0.0.1": "10.0.0.1", "0xc0a80001": "192.168.0.1", "100.64.1": "100.64.0.1", "0": "0.0.0.0",
	}
	for h, want := range others {
		a, ok := HostAddr(h)
		if !ok || a.String() != want || !refusedHost(h) {
			t.Errorf("HostAddr(%q) = %v, %v; want refused %s", h, a, ok, want)
		}
	}
	for _, h := range []string{"example.com", "8.8.8.8", "0x8.0x8.0x8.0x8", "www.127.0.0.1.example", "256.1.1.1", "1.2.3.4.5", "09.1.1.1"} {
		if refusedHost(h) {
			t.Errorf("refusedHost(%q) = true", h)
		}
	}
}
