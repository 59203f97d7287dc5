package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// pipe joins the reader and writer Run is given into the io.ReadWriteCloser
// jsonrpc2 streams want. Close closes whichever side can be closed, which is
// what unblocks the read loop when the server is done.
type pipe struct {
	in  io.Reader
	out io.Writer

	once sync.Once
}

func (p *pipe) Read(b []byte) (int, error)  { return p.in.Read(b) }
func (p *pipe) Write(b []byte) (int, error) { return p.out.Write(b) }

func (p *pipe) Close() error {
	var err error
	p.once.Do(func() {
		if c, ok := p.in.(io.Closer); ok {
			err = c.Close()
		}
		if c, ok := p.out.(io.Closer); ok && any(p.out) != any(p.in) {
			if cerr := c.Close(); err == nil {
				err = cerr
			}
		}
	})
	return err
}

// frameStream is jsonrpc2's raw-frame extension of Stream; its header
// framer implements it. We implement it too so the connection keeps using
// the frame fast path.
type frameStream interface {
	jsonrpc2.Stream
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream answers frames that are well framed but are not JSON-RPC
// (bad JSON, a request without a method) with an error response and goes on
// reading. jsonrpc2 on its own treats such a frame as a broken transport and
// drops the connection, which would end the editor's session over one bad
// message; only broken framing (headers) is fatal here.
type tolerantStream struct {
	frameStream
	onBad func(err error) // for the log
	// onEnd is called once the input has ended or failed: the client is
	// gone, and nothing can be answered any more.
	onEnd func()
}

func newTolerantStream(rwc io.ReadWriteCloser, onBad func(error), onEnd func()) *tolerantStream {
	return &tolerantStream{frameStream: jsonrpc2.NewHeaderStream(rwc).(frameStream), onBad: onBad, onEnd: onEnd}
}

// ReadFrame returns the next frame that jsonrpc2 can decode.
func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		frame, n, err := s.frameStream.ReadFrame(ctx)
		if err != nil {
			if s.onEnd != nil {
				s.onEnd()
			}
			return nil, 0, err
		}
		if bytes.HasPrefix(bytes.TrimLeft(frame, " \t\r\n"), []byte("[")) {
			// Batches: jsonrpc2 answers malformed members itself and only
			// fails on arrays that are not JSON at all.
			if json.Valid(frame) {
				return frame, n, nil
			}
		} else if _, derr := jsonrpc2.DecodeMessage(frame); derr == nil {
			return frame, n, nil
		}
		s.reject(ctx, frame)
	}
}

// Read is the boxed path; the connection uses ReadFrame, but keep Read
// consistent with it.
func (s *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	frame, n, err := s.ReadFrame(ctx)
	if err != nil {
		return nil, 0, err
	}
	msg, err := jsonrpc2.DecodeMessage(frame)
	return msg, n, err
}

// reject answers a frame jsonrpc2 could not decode: a parse error for text
// that is not JSON, an invalid-request error (with the request's id when it
// has one) for JSON that is not a JSON-RPC message. Responses and
// notifications get no answer, as JSON-RPC says, only a log line.
func (s *tolerantStream) reject(ctx context.Context, frame []byte) {
	var envelope struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	var werr *jsonrpc2.Error
	id := []byte("null")
	if err := json.Unmarshal(frame, &envelope); err != nil {
		werr = jsonrpc2.NewError(jsonrpc2.ParseError, "leakwatch: message is not valid JSON: "+err.Error())
	} else {
		werr = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "leakwatch: message is not a valid JSON-RPC 2.0 request")
		if len(envelope.ID) > 0 && (envelope.ID[0] == '"' || envelope.ID[0] == '-' || (envelope.ID[0] >= '0' && envelope.ID[0] <= '9')) {
			id = envelope.ID
		}
		if len(envelope.Method) == 0 && (len(envelope.Result) > 0 || len(envelope.Error) > 0) {
			s.log(errors.New("dropped a malformed response"))
			return
		}
		if len(envelope.ID) == 0 && len(envelope.Method) > 0 {
			s.log(errors.New("dropped a malformed notification"))
			return
		}
	}
	s.log(werr)
	body, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", id, werr})
	if err == nil {
		_, _ = s.WriteFrame(ctx, body)
	}
}

func (s *tolerantStream) log(err error) {
	if s.onBad != nil {
		s.onBad(err)
	}
}

// codec marshals payloads with the protocol package's union-aware encoder,
// like protocol.NewServer's unexported codec, so the sealed union types
// (diagnostic codes, hover contents, edits) go on the wire as the LSP says.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	if raw, ok := v.(jsonrpc2.RawMessage); ok {
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}
