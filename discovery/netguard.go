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

// blockedPrefixes are the IANA special-purpose ranges (IPv4 and IPv6 Special-Purpose
// Address Registries) that are not globally reachable, plus multicast and the
// reserved blocks. The list was compared with code.dny.dev/ssrf's: every range it
// denies is here, and IPv6 is further limited to global unicast (2000::/3) below.
var blockedPrefixes = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",         // "this network", includes the unspecified address
		"10.0.0.0/8",        // RFC 1918
		"100.64.0.0/10",     // CGNAT, RFC 6598
		"127.0.0.0/8",       // loopback
		"169.254.0.0/16",    // link-local, includes cloud metadata 169.254.169.254
		"172.16.0.0/12",     // RFC 1918
		"192.0.0.0/24",      // IETF protocol assignments (DS-Lite, NAT64 discovery, …)
		"192.0.2.0/24",      // TEST-NET-1
		"192.31.196.0/24",   // AS112-v4
		"192.52.193.0/24",   // AMT
		"192.88.99.0/24",    // deprecated 6to4 relay anycast, RFC 7526
		"192.168.0.0/16",    // RFC 1918
		"192.175.48.0/24",   // direct delegation AS112 service
		"198.18.0.0/15",     // benchmarking
		"198.51.100.0/24",   // TEST-NET-2
		"203.0.113.0/24",    // TEST-NET-3
		"224.0.0.0/4",       // multicast
		"240.0.0.0/4",       // reserved, includes broadcast
		"::/128",            // unspecified
		"::1/128",           // loopback
		"64:ff9b:1::/48",    // local-use NAT64, RFC 8215
		"100::/64",          // discard, RFC 6666
		"100:0:0:1::/64",    // dummy IPv6 prefix, RFC 9780
		"2001::/23",         // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID, AMT, …
		"2001:db8::/32",     // documentation
		"2002::/16",         // 6to4, RFC 3056 (deprecated relays, RFC 7526): may wrap any IPv4
		"2620:4f:8000::/48", // direct delegation AS112 service
		"3fff::/20",         // documentation, RFC 9637
		"5f00::/16",         // segment routing SIDs, RFC 9602
		"fc00::/7",          // unique local, RFC 4193
		"fe80::/10",         // link-local
		"fec0::/10",         // deprecated site-local
		"ff00::/8",          // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// globalUnicast6 is the only IPv6 block the crawler dials outside the forms that
// embed an IPv4 address (judged by that address): everything else is reserved.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// embeddedIPv4 returns the IPv4 address inside the IPv6 forms that carry one in
// their last 32 bits and that a host may route to that IPv4 address: IPv4-mapped
// (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated), SIIT IPv4-translated
// (::ffff:0:a.b.c.d, RFC 2765) and well-known NAT64 (64:ff9b::a.b.c.d, RFC 6052).
// 6to4 and Teredo also embed IPv4 addresses; their whole prefixes are refused.
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	if ip.Is4In6() {
		return ip.Unmap(), true
	}
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	v4 := netip.AddrFrom4([4]byte(b[12:16]))
	zero := func(bs []byte) bool {
		for _, c := range bs {
			if c != 0 {
				return false
			}
		}
		return true
	}
	switch {
	case zero(b[:12]):
		// ::a.b.c.d; :: and ::1 themselves are in the blocked list.
		if zero(b[12:15]) && b[15] <= 1 {
			return netip.Addr{}, false
		}
		return v4, true
	case zero(b[:8]) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0:
		return v4, true // SIIT
	case b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zero(b[4:12]):
		return v4, true // NAT64
	}
	return netip.Addr{}, false
}

// IsPublicAddr reports whether ip may be dialled by the crawler. Addresses that
// embed an IPv4 address (see embeddedIPv4) are judged by that address; other IPv6
// addresses must be global unicast outside every special-purpose range.
func IsPublicAddr(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("")
	if v4, ok := embeddedIPv4(ip); ok {
		return IsPublicAddr(v4)
	}
	if ip.Is6() && !globalUnicast6.Contains(ip) {
		return false
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
