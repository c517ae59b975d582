//! Running the router on a socket: a cap on open connections (a client over it is answered 503
//! `too_many_connections` at once), a deadline for each request's headers (slow clients are cut
//! off), the checkpoint signer, SIGHUP to reload the corpus, and a graceful stop on SIGINT or
//! SIGTERM that signs a last checkpoint.

use std::net::SocketAddr;
use std::sync::Arc;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use crate::state::AppState;

/// Starts a runtime, binds `listen` and serves until SIGINT or SIGTERM, logging to stderr
/// (`RUST_LOG` sets the level; default `info`).
pub fn run(listen: &str, state: AppState, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::env::var_os("NO_COLOR").is_none())
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(listen).await?;
        serve(listener, state, ready).await
    })
}

/// Serves until SIGINT or SIGTERM; `ready` is called with the bound address once listening.
pub async fn serve(listener: TcpListener, state: AppState, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    });
    serve_until(listener, state, ready, stop_rx).await
}

/// Serves until `stop` turns true, then lets open connections finish and signs a last checkpoint.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    ready: impl FnOnce(SocketAddr),
    stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let limits = state.config().limits.clone();
    let router = crate::app(state.clone());
    let permits = Arc::new(Semaphore::new(limits.connections.max(1)));
    tokio::spawn(reload_on_hangup(state.clone()));
    let signer = state.log_handle().map(|log| tokio::spawn(crate::journal::sign_every(log, state.config().checkpoint_every)));
    ready(listener.local_addr()?);
    let mut stopping = stop.clone();
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stopping.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream, limits.connections));
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        let read_timeout = limits.read_timeout;
        let mut conn_stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder.http1().timer(TokioTimer::new()).header_read_timeout(read_timeout).keep_alive(true);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                }
                _ = conn_stop.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    // Wait for open connections to finish their requests, then sign what they logged.
    let _ = permits.acquire_many(u32::try_from(limits.connections.max(1)).unwrap_or(u32::MAX)).await;
    if let Some(signer) = signer {
        signer.abort();
    }
    if let Some(log) = state.log() {
        if let Err(e) = log.sign().await {
            tracing::error!(error = %e, "the last checkpoint was not signed");
        }
    }
    Ok(())
}

/// Answers a connection over the limit with the documented error and closes it.
async fn refuse(mut stream: tokio::net::TcpStream, limit: usize) {
    use crate::error::{ApiError, ErrorCode, Message};
    use tokio::io::AsyncWriteExt;
    // The request has not been read, so its language is not known: the answer is in English.
    let error = ApiError::new(ErrorCode::TooManyConnections, Message::new("server-too-many-connections").arg("limit", limit))
        .hint(Message::new("server-hint-too-many-connections"));
    let body = error.body().to_string();
    let head = format!(
        "HTTP/1.1 {} Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\n{}: {}\r\n\r\n",
        error.status().as_u16(),
        body.len(),
        crate::ENGINE_HEADER,
        crate::state::ENGINE,
    );
    tracing::warn!(limit, "a connection over the limit was refused");
    let _ = stream.write_all(format!("{head}{body}").as_bytes()).await;
    let _ = stream.shutdown().await;
    // Read what the client sent (briefly, and a bounded amount) before closing, so that unread
    // bytes do not make the kernel reset the connection before the client reads the answer.
    let mut sink = [0u8; 4096];
    let drain = async {
        let mut total = 0usize;
        while let Ok(n @ 1..) = tokio::io::AsyncReadExt::read(&mut stream, &mut sink).await {
            total += n;
            if total > 1 << 16 {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), drain).await;
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn reload_on_hangup(state: AppState) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangup) = signal(SignalKind::hangup()) else { return };
        while hangup.recv().await.is_some() {
            let worker = state.clone();
            match tokio::task::spawn_blocking(move || worker.reload()).await {
                Ok(Ok(hash)) => tracing::info!(corpus = %hash, "SIGHUP: corpus reloaded"),
                Ok(Err(e)) => tracing::error!(error = %e, "SIGHUP: corpus refused"),
                Err(e) => tracing::error!(error = %e, "SIGHUP: reload failed"),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = state;
}
