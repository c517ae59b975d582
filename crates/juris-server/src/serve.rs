//! Running the router on a socket: a cap on open connections, a deadline for each request's
//! headers (slow clients are cut off), SIGHUP to reload the corpus, and a graceful stop on
//! SIGINT or SIGTERM.

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
    let limits = state.config().limits.clone();
    let router = crate::app(state.clone());
    let permits = Arc::new(Semaphore::new(limits.connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(reload_on_hangup(state.clone()));
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    });
    ready(listener.local_addr()?);
    let mut stopping = stop_rx.clone();
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            _ = stopping.changed() => break,
        };
        let Ok(permit) = permit else { break };
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
        let service = TowerToHyperService::new(router.clone());
        let read_timeout = limits.read_timeout;
        let mut conn_stop = stop_rx.clone();
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
    // Wait for open connections to finish their requests.
    let _ = permits.acquire_many(u32::try_from(limits.connections.max(1)).unwrap_or(u32::MAX)).await;
    Ok(())
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
