package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// result is one phase of HTTP load.
type result struct {
	n, failed int
	firstErr  error
	elapsed   time.Duration
	latencies []time.Duration
}

func (r result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

// quantile returns the q-quantile of the latencies (nearest rank).
func (r result) quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(q*float64(len(r.latencies))+0.5) - 1
	return r.latencies[min(max(i, 0), len(r.latencies)-1)]
}

// client sends authenticated GETs over kept-alive connections.
type client struct {
	http  *http.Client
	base  string
	token string
}

func newClient(o options) *client {
	tr := &http.Transport{MaxIdleConns: o.clients * 2, MaxIdleConnsPerHost: o.clients * 2, IdleConnTimeout: time.Minute}
	return &client{http: &http.Client{Transport: tr, Timeout: 10 * time.Second}, base: strings.TrimRight(o.url, "/"), token: o.token}
}

// get sends one GET and reads the whole body; anything but 200 is an error.
func (c *client) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return b, nil
}

// ids lists the ids of a collection (the first page of up to 500).
func (c *client) ids(ctx context.Context, collection string) ([]string, error) {
	b, err := c.get(ctx, "/api/v1/"+collection+"?limit=500")
	if err != nil {
		return nil, err
	}
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &page); err != nil {
		return nil, fmt.Errorf("%s: %v", collection, err)
	}
	out := make([]string, len(page.Items))
	for i, it := range page.Items {
		out[i] = it.ID
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s: start kitacert with --demo", collection)
	}
	return out, nil
}

// closedLoop runs `clients` clients, each sending its next request when the last one is
// answered, for d; the paths are taken in turn.
func (c *client) closedLoop(ctx context.Context, clients int, d time.Duration, paths []string) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return c.load(ctx, clients, paths, func(yield func(scheduled time.Time) bool) {
		for ctx.Err() == nil {
			if !yield(time.Time{}) {
				return
			}
		}
	})
}

// openLoop sends rate requests per second on schedule for d, with up to `clients` in
// flight; a latency counts from the request's scheduled time, so a server that falls
// behind is not flattered by requests sent late (no coordinated omission).
func (c *client) openLoop(ctx context.Context, clients int, d time.Duration, rate float64, paths []string) result {
	ctx, cancel := context.WithTimeout(ctx, d+10*time.Second)
	defer cancel()
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	n := int(d / interval)
	return c.load(ctx, clients, paths, func(yield func(scheduled time.Time) bool) {
		for i := range n {
			if !yield(start.Add(time.Duration(i) * interval)) {
				return
			}
		}
	})
}

// load runs the requests that schedule yields (a zero time: at once) on `clients` workers.
func (c *client) load(ctx context.Context, clients int, paths []string, schedule func(yield func(time.Time) bool)) result {
	work := make(chan time.Time, clients)
	type local struct {
		lat    []time.Duration
		failed int
		err    error
	}
	locals := make([]local, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := &locals[w]
			i := w
			for at := range work {
				if !at.IsZero() {
					time.Sleep(time.Until(at)) // pacing of the open loop
				} else {
					at = time.Now()
				}
				_, err := c.get(ctx, paths[i%len(paths)])
				i += clients
				if err != nil {
					if ctx.Err() == nil {
						l.failed++
						l.err = err
					}
					continue
				}
				l.lat = append(l.lat, time.Since(at))
			}
		}()
	}
	schedule(func(at time.Time) bool {
		select {
		case work <- at:
			return true
		case <-ctx.Done():
			return false
		}
	})
	close(work)
	wg.Wait()
	r := result{elapsed: time.Since(start)}
	for _, l := range locals {
		r.latencies = append(r.latencies, l.lat...)
		r.failed += l.failed
		if r.firstErr == nil {
			r.firstErr = l.err
		}
	}
	r.n = len(r.latencies)
	slices.Sort(r.latencies)
	return r
}
