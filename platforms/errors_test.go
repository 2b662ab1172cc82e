package platforms

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
)

func TestBeforeSend(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, refused := http.Get("http://" + addr + "/")
	if refused == nil || !BeforeSend(refused) {
		t.Errorf("a refused connection (%v) must count as before sending", refused)
	}
	if !BeforeSend(&net.DNSError{Err: "no such host", Name: "graph.invalid"}) {
		t.Error("a DNS failure must count as before sending")
	}
	for _, err := range []error{context.DeadlineExceeded, errors.New("unexpected EOF"), &net.OpError{Op: "read", Err: errors.New("reset")}} {
		if BeforeSend(err) {
			t.Errorf("%v may have happened after the request left", err)
		}
	}
}
