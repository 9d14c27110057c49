package discovery

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
)

// ErrBlockedAddress is returned (wrapped) when a connection would reach an address
// that a crawler of untrusted URLs must not reach: loopback, private, link-local and
// similar ranges. Servers started with --allow-private-networks skip the check.
var ErrBlockedAddress = errors.New("address is not publicly routable")

var blockedPrefixes = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network", includes the unspecified address
		"10.0.0.0/8",      // RFC 1918
		"100.64.0.0/10",   // CGNAT, RFC 6598
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local, includes cloud metadata 169.254.169.254
		"172.16.0.0/12",   // RFC 1918
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // TEST-NET-1
		"192.168.0.0/16",  // RFC 1918
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // TEST-NET-2
		"203.0.113.0/24",  // TEST-NET-3
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, includes broadcast
		"::/128",          // unspecified
		"::1/128",         // loopback
		"64:ff9b:1::/48",  // local-use NAT64
		"100::/64",        // discard
		"2001:db8::/32",   // documentation
		"fc00::/7",        // unique local, RFC 4193
		"fe80::/10",       // link-local
		"fec0::/10",       // deprecated site-local
		"ff00::/8",        // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// IsPublicAddr reports whether ip may be dialled by the crawler. IPv4-mapped and
// IPv4-compatible IPv6 forms, and NAT64 (64:ff9b::/96) addresses, are judged by the
// IPv4 address inside them.
func IsPublicAddr(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if ip.Is6() {
		b := ip.As16()
		// ::a.b.c.d (IPv4-compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64).
		compat := b[0] == 0 && b[1] == 0 && [10]byte(b[:10]) == [10]byte{}
		nat64 := b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && [8]byte(b[4:12]) == [8]byte{}
		if (compat && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1)) || nat64 {
			return IsPublicAddr(netip.AddrFrom4([4]byte(b[12:16])))
		}
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// HostAddr parses a URL host that spells an IP address, in any of the forms
// browsers and C resolvers accept: dotted decimal, IPv6 (with or without brackets
// and zone), and the inet_aton forms with octal ("0177.0.0.1"), hexadecimal
// ("0x7f.1") and fewer than four parts ("127.1", "2130706433"). It reports false
// for a host name.
func HostAddr(host string) (netip.Addr, bool) {
	h := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := netip.ParseAddr(h); err == nil {
		return a, true
	}
	parts := strings.Split(strings.TrimSuffix(h, "."), ".")
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		v, ok := parseInetNumber(p)
		if !ok {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	// The last part fills the remaining bytes: a.b.c.d, a.b.cd, a.bcd, abcd.
	var ip uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return netip.Addr{}, false
		}
		ip |= v << (8 * (3 - i))
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*(5-len(vals))) {
		return netip.Addr{}, false
	}
	ip |= last
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}), true
}

// parseInetNumber reads one part of an inet_aton address: decimal, 0-prefixed
// octal or 0x-prefixed hexadecimal.
func parseInetNumber(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		base, s = 16, s[2:]
		if s == "" {
			return 0, true
		}
	case len(s) > 1 && s[0] == '0':
		base, s = 8, s[1:]
	}
	v, err := strconv.ParseUint(s, base, 32)
	return v, err == nil
}

// refusedHost reports whether a URL host spells a non-public IP address. Such URLs
// are refused before any connection (the dial check would refuse them too, once
// resolved; this catches the spellings a resolver might not treat as addresses).
func refusedHost(host string) bool {
	a, ok := HostAddr(host)
	return ok && !IsPublicAddr(a)
}

// dialControl is a net.Dialer Control hook: it runs after DNS resolution, for every
// address actually dialled, so redirects and DNS answers that point inside are caught.
func dialControl(network, address string, c syscall.RawConn) error {
	return guardedControl(nil)(network, address, c)
}

// guardedControl is dialControl with exceptions: exempt, when set, lets through the
// exact "ip:port" addresses it approves (tests use it to reach one loopback server
// and show that a redirect from there to another loopback address is refused).
func guardedControl(exempt func(address string) bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if exempt != nil && exempt(address) {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBlockedAddress, address)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !IsPublicAddr(ip) {
			return fmt.Errorf("%w: %s", ErrBlockedAddress, host)
		}
		return nil
	}
}
