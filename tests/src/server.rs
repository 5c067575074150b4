//! A loopback HTTP/1.1 server for tests: bound to 127.0.0.1 on a free port,
//! it answers a fixed script of responses, records every request, and stops
//! by itself after the script or a timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Status, content type, body.
    Respond(u16, &'static str, Vec<u8>),
    /// Close the connection without answering.
    Reset,
    /// Wait this long, then answer.
    Delayed(Duration, u16, Vec<u8>),
    /// Write these bytes as the whole response, head included.
    Raw(Vec<u8>),
    /// Announce a body of this many bytes and send zeros until the client
    /// stops reading.
    Flood(u64),
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond(
            status,
            "application/x-amz-json-1.1",
            body.as_bytes().to_vec(),
        )
    }
}

pub struct Server {
    pub addr: SocketAddr,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server that answers `script` in order, one connection each.
    pub fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("bound address");
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&recorded);
        let handle = std::thread::spawn(move || {
            listener.set_nonblocking(false).ok();
            for reply in script {
                let Ok((mut stream, _)) = accept_within(&listener, Duration::from_secs(20)) else {
                    return;
                };
                stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                if let Ok(mut list) = sink.lock() {
                    list.push(request);
                }
                let (status, content_type, body) = match reply {
                    Reply::Reset => {
                        drop(stream);
                        continue;
                    }
                    Reply::Raw(bytes) => {
                        let _ = stream.write_all(&bytes);
                        let _ = stream.flush();
                        continue;
                    }
                    Reply::Flood(length) => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {length}\r\n\r\n"
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let chunk = vec![b' '; 1 << 16];
                        let mut sent = 0u64;
                        while sent < length && stream.write_all(&chunk).is_ok() {
                            sent += chunk.len() as u64;
                        }
                        continue;
                    }
                    Reply::Respond(status, content_type, body) => (status, content_type, body),
                    Reply::Delayed(delay, status, body) => {
                        std::thread::sleep(delay);
                        (status, "application/x-amz-json-1.1", body)
                    }
                };
                let head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-RequestId: test-request-id\r\nConnection: close\r\n\r\n",
                    reason(status),
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
                let _ = stream.flush();
            }
        });
        Server {
            addr,
            recorded,
            handle: Some(handle),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Unblock a pending accept so the thread ends; errors mean it already has.
        let _ = std::net::TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn accept_within(
    listener: &TcpListener,
    limit: Duration,
) -> std::io::Result<(std::net::TcpStream, SocketAddr)> {
    listener.set_nonblocking(true)?;
    let start = std::time::Instant::now();
    loop {
        match listener.accept() {
            Ok((stream, addr)) => {
                stream.set_nonblocking(false)?;
                return Ok((stream, addr));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed() < limit => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// One canned answer of a [`ReplayServer`]: status, reason phrase, headers, body.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A loopback server that answers the n-th request with the n-th canned
/// answer (the last one repeats) until it is dropped, as the differential
/// suite's recorder did for aws-cli. It is also an HTTP proxy the way that
/// recorder's was: a `CONNECT host:port` is recorded (method `CONNECT`, path
/// `host:port`) and refused with 403, and an absolute-URI request is served
/// like any other.
pub struct ReplayServer {
    pub addr: SocketAddr,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl ReplayServer {
    pub fn start(answers: Vec<Canned>) -> ReplayServer {
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("bound address");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped) = (Arc::clone(&recorded), Arc::clone(&stop));
        let handle = std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                let mut stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(1));
                        continue;
                    }
                    Err(_) => return,
                };
                if stream.set_nonblocking(false).is_err() {
                    continue;
                }
                stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                let index = match sink.lock() {
                    Ok(mut list) => {
                        list.push(request.clone());
                        list.len() - 1
                    }
                    Err(_) => return,
                };
                if request.method == "CONNECT" {
                    let _ = stream.write_all(
                        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    continue;
                }
                let Some(answer) = answers.get(index.min(answers.len().saturating_sub(1))) else {
                    continue;
                };
                let mut head = format!("HTTP/1.1 {} {}\r\n", answer.status, answer.reason);
                for (name, value) in &answer.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str(&format!(
                    "Content-Length: {}\r\nConnection: close\r\n\r\n",
                    answer.body.len()
                ));
                let _ = stream.write_all(head.as_bytes());
                if request.method != "HEAD" {
                    let _ = stream.write_all(&answer.body);
                }
                let _ = stream.flush();
            }
        });
        ReplayServer {
            addr,
            recorded,
            stop,
            handle: Some(handle),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The requests received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
