package inspect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/heapprofiler"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/coder/websocket"
	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// eventAddHeapSnapshotChunk is the event that streams a snapshot; named
// here rather than through the cdproto root package, which imports every
// protocol domain.
const eventAddHeapSnapshotChunk = "HeapProfiler.addHeapSnapshotChunk"

// Bounds on a call, so that a program that stops answering (busy in a
// loop, paused) gives an error instead of a hang. A snapshot of a large
// heap takes minutes.
const (
	callTimeout     = 2 * time.Minute
	snapshotTimeout = 30 * time.Minute
	pingTimeout     = 10 * time.Second
)

// Client speaks the Chrome DevTools Protocol to one inspector target,
// with the message types of github.com/chromedp/cdproto.
type Client struct {
	conn   *websocket.Conn
	nextID atomic.Int64

	mu      sync.Mutex
	pending map[int64]chan message
	onEvent map[string]func(jsontext.Value)
	err     error // set when the connection ends
	closed  chan struct{}
}

type message struct {
	ID     int64          `json:"id,omitempty"`
	Method string         `json:"method,omitempty"`
	Params jsontext.Value `json:"params,omitempty"`
	Result jsontext.Value `json:"result,omitempty"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// Dial connects to an inspector WebSocket URL.
func Dial(ctx context.Context, url string) (*Client, error) {
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connecting to the inspector at %s: %w", url, err)
	}
	// Snapshot chunks and large evaluation results exceed the default
	// 32 KB message limit.
	conn.SetReadLimit(256 << 20)
	c := &Client{conn: conn, pending: map[int64]chan message{}, onEvent: map[string]func(jsontext.Value){}, closed: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *Client) read() {
	for {
		_, data, err := c.conn.Read(context.Background())
		if err != nil {
			c.mu.Lock()
			c.err = fmt.Errorf("inspector connection closed: %w", err)
			for _, ch := range c.pending {
				close(ch)
			}
			c.pending = map[int64]chan message{}
			c.mu.Unlock()
			close(c.closed)
			return
		}
		var m message
		if err := json.Unmarshal(data, &m); err != nil {
			continue
		}
		c.mu.Lock()
		if m.ID != 0 {
			ch := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		h := c.onEvent[m.Method]
		c.mu.Unlock()
		if h != nil {
			h(m.Params)
		}
	}
}

// Call sends a command and decodes its result into out (may be nil).
func (c *Client) Call(ctx context.Context, method string, params, out any) error {
	id := c.nextID.Add(1)
	ch := make(chan message, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return c.err
	}
	c.pending[id] = ch
	c.mu.Unlock()
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if err := c.conn.Write(ctx, websocket.MessageText, data); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			c.mu.Lock()
			err := c.err
			c.mu.Unlock()
			return fmt.Errorf("%s: %w", method, err)
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s (code %d)", method, m.Error.Message, m.Error.Code)
		}
		if out != nil && len(m.Result) > 0 {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// On registers a handler for an event; it runs on the reader goroutine,
// in the order events arrive.
func (c *Client) On(method string, h func(jsontext.Value)) {
	c.mu.Lock()
	if h == nil {
		delete(c.onEvent, method)
	} else {
		c.onEvent[method] = h
	}
	c.mu.Unlock()
}

// Close ends the connection.
func (c *Client) Close() error { return c.conn.Close(websocket.StatusNormalClosure, "") }

// CollectGarbage runs a full garbage collection in the target.
func (c *Client) CollectGarbage(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	return c.Call(ctx, heapprofiler.CommandCollectGarbage, nil, nil)
}

// TakeSnapshot collects garbage and streams a heap snapshot to path.
func (c *Client) TakeSnapshot(ctx context.Context, path string) error {
	if err := c.CollectGarbage(ctx); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var werr error
	var mu sync.Mutex
	c.On(eventAddHeapSnapshotChunk, func(p jsontext.Value) {
		var ev heapprofiler.EventAddHeapSnapshotChunk
		mu.Lock()
		defer mu.Unlock()
		if werr != nil {
			return
		}
		if err := json.Unmarshal(p, &ev); err != nil {
			werr = err
			return
		}
		_, werr = io.WriteString(f, ev.Chunk)
	})
	defer c.On(eventAddHeapSnapshotChunk, nil)
	no := false
	ctx, cancel := context.WithTimeout(ctx, snapshotTimeout)
	defer cancel()
	err = c.Call(ctx, heapprofiler.CommandTakeHeapSnapshot, &heapprofiler.TakeHeapSnapshotParams{ReportProgress: &no}, nil)
	mu.Lock()
	err = errors.Join(err, werr, f.Close())
	mu.Unlock()
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("taking a heap snapshot: %w", err)
	}
	return nil
}

// Ping asks the target a question that needs no work from it, to learn
// whether it still answers. A busy or paused target is given a while.
func (c *Client) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	return c.Call(ctx, cdpruntime.CommandGetHeapUsage, nil, nil)
}

// Usage is the memory of the target at one moment.
type Usage struct {
	HeapUsed  uint64
	HeapTotal uint64
	RSS       uint64 // 0 when the target is not Node
	// External is memory outside the JavaScript heap that JavaScript
	// objects hold (Buffers, ArrayBuffers); 0 when the target is not Node.
	External uint64
}

// MemoryUsage reads the JavaScript heap usage and, in Node, the resident
// set size.
func (c *Client) MemoryUsage(ctx context.Context) (Usage, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var hu cdpruntime.GetHeapUsageResult
	if err := c.Call(ctx, cdpruntime.CommandGetHeapUsage, nil, &hu); err != nil {
		return Usage{}, err
	}
	u := Usage{HeapUsed: uint64(hu.UsedSize), HeapTotal: uint64(hu.TotalSize)}
	yes := true
	var ev cdpruntime.EvaluateResult
	err := c.Call(ctx, cdpruntime.CommandEvaluate, &cdpruntime.EvaluateParams{
		Expression:    "typeof process === 'object' ? JSON.stringify(process.memoryUsage()) : ''",
		ReturnByValue: &yes,
		Silent:        &yes,
	}, &ev)
	if err == nil && ev.Result != nil && len(ev.Result.Value) > 0 {
		var text string
		var mu struct {
			RSS      float64 `json:"rss"`
			External float64 `json:"external"`
		}
		if json.Unmarshal(ev.Result.Value, &text) == nil && json.Unmarshal([]byte(text), &mu) == nil {
			u.RSS, u.External = uint64(mu.RSS), uint64(mu.External)
		}
	}
	return u, nil
}
