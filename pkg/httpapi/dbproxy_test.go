package httpapi_test

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// proxy modes: pass bytes on, stay silent (swallow everything, like dropped packets), or
// refuse (close every connection at once, like a database that is down).
const (
	proxyPass int32 = iota
	proxySilent
	proxyRefuse
)

// dbProxy is an in-process TCP proxy in front of the test database that can be made
// silent or refusing.
type dbProxy struct {
	ln       net.Listener
	upstream string
	mode     atomic.Int32
	mu       sync.Mutex
	conns    []net.Conn
}

// newDBProxy listens on a free port of 127.0.0.1 and forwards to upstream.
func newDBProxy(t *testing.T, upstream string) *dbProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dbProxy{ln: ln, upstream: upstream}
	go p.serve()
	t.Cleanup(func() {
		_ = ln.Close()
		p.closeAll()
	})
	return p
}

func (p *dbProxy) addr() string { return p.ln.Addr().String() }

// set switches the mode; refusing also cuts the open connections.
func (p *dbProxy) set(mode int32) {
	p.mode.Store(mode)
	if mode == proxyRefuse {
		p.closeAll()
	}
}

func (p *dbProxy) track(c net.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, c)
	p.mu.Unlock()
}

func (p *dbProxy) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

func (p *dbProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		switch p.mode.Load() {
		case proxyRefuse:
			_ = c.Close()
			continue
		case proxySilent:
			p.track(c)
			go func() { _, _ = io.Copy(io.Discard, c) }()
			continue
		}
		up, err := net.Dial("tcp", p.upstream)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.track(c)
		p.track(up)
		go p.pipe(up, c)
		go p.pipe(c, up)
	}
}

// pipe copies src to dst while the proxy passes bytes on and swallows them while it is silent.
func (p *dbProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && p.mode.Load() == proxyPass {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			_ = dst.Close()
			return
		}
	}
}
