package discovery

import (
	"encoding/binary"
	"net"
	"testing"
)

// startStubDNS runs a minimal DNS server on 127.0.0.1 that answers every query for
// an A record with 127.0.0.1 and every other query with no answer. It lets tests
// show that the dial-time check catches a public-looking name that resolves inside.
func startStubDNS(t *testing.T) string {
	return startStubDNSWith(t, net.IPv4(127, 0, 0, 1), nil)
}

// startStubDNSWith is startStubDNS answering A queries with a4 and AAAA queries
// with a6 (either may be nil for no answer).
func startStubDNSWith(t *testing.T, a4, a6 net.IP) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if n < 12 {
				continue
			}
			q := buf[:n]
			// Find the end of the question name.
			i := 12
			for i < len(q) && q[i] != 0 {
				i += int(q[i]) + 1
			}
			if i+5 > len(q) {
				continue
			}
			qtype := binary.BigEndian.Uint16(q[i+1:])
			question := q[12 : i+5]
			resp := make([]byte, 12, 64)
			copy(resp, q[:2])                       // id
			resp[2], resp[3] = 0x81, 0x80           // response, recursion available
			binary.BigEndian.PutUint16(resp[4:], 1) // one question
			var answer []byte
			switch {
			case qtype == 1 && a4 != nil:
				answer = append([]byte{0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4}, a4.To4()...)
			case qtype == 28 && a6 != nil:
				answer = append([]byte{0xc0, 0x0c, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16}, a6.To16()...)
			}
			if answer != nil {
				binary.BigEndian.PutUint16(resp[6:], 1) // one answer
			}
			resp = append(resp, question...)
			resp = append(resp, answer...)
			_, _ = pc.WriteTo(resp, addr)
		}
	}()
	return pc.LocalAddr().String()
}
