//! The listener: plain HTTP and HTTPS on the same port (told apart by the
//! first byte, 0x16 being a TLS handshake), plus `CONNECT` so clients that
//! hard-code the OAuth server's host can be pointed here through a proxy
//! setting.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;

/// Host names the generated certificate covers. The OAuth hosts are there
/// so an SDK that hard-codes them can be sent here with `HTTPS_PROXY`.
pub const CERT_NAMES: &[&str] = &[
    "localhost",
    "127.0.0.1",
    "::1",
    "oauth.bitrix.info",
    "oauth.bitrix24.tech",
    // A portal name with a letters-only TLD, for SDKs that take a bare domain
    // (no port) and so reach the emulator through its `CONNECT` proxy.
    "portal.b24-emulator.localhost",
];

/// A generated certificate authority and a server certificate it signed.
pub(crate) struct Tls {
    pub acceptor: TlsAcceptor,
    pub ca_pem_path: PathBuf,
}

pub(crate) fn make_tls(dir: &Path, tag: &str) -> Result<Tls, crate::Error> {
    let err = |e: &dyn std::fmt::Display| crate::Error::Tls(e.to_string());
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(|e| err(&e))?;
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "b24-emulator local CA");
    ca_params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = rcgen::KeyPair::generate().map_err(|e| err(&e))?;
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).map_err(|e| err(&e))?;

    let names: Vec<String> = CERT_NAMES.iter().map(|s| (*s).to_owned()).collect();
    let mut params = rcgen::CertificateParams::new(names).map_err(|e| err(&e))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "b24-emulator");
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key = rcgen::KeyPair::generate().map_err(|e| err(&e))?;
    let cert = params.signed_by(&key, &ca).map_err(|e| err(&e))?;

    std::fs::create_dir_all(dir)?;
    let ca_pem_path = dir.join(format!("b24-emulator-{tag}-ca.pem"));
    std::fs::write(&ca_pem_path, ca.pem())?;

    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| err(&e))?
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone(), ca.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .map_err(|e| err(&e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_pem_path,
    })
}

/// Accepts connections until `shutdown` flips, then drops every open one.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    tls: Option<TlsAcceptor>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                let tls = tls.clone();
                conns.spawn(async move { handle(stream, app, tls).await });
            }
            _ = shutdown.changed() => break,
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.abort_all();
}

async fn handle(mut stream: TcpStream, app: Router, tls: Option<TlsAcceptor>) {
    let _ = stream.set_nodelay(true);
    let mut first = [0u8; 8];
    let peeked = tokio::time::timeout(Duration::from_secs(30), stream.peek(&mut first)).await;
    let n = match peeked {
        Ok(Ok(n)) if n > 0 => n,
        _ => return,
    };
    if &first[..n.min(8)] == b"CONNECT " {
        // Proxy tunnel: answer the CONNECT, then serve what comes through.
        let mut head = Vec::with_capacity(256);
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if head.len() > 8192 || stream.read(&mut byte).await.unwrap_or(0) == 0 {
                return;
            }
            head.push(byte[0]);
        }
        if stream
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await
            .is_err()
        {
            return;
        }
        let n = match tokio::time::timeout(Duration::from_secs(30), stream.peek(&mut first)).await {
            Ok(Ok(n)) if n > 0 => n,
            _ => return,
        };
        return serve_stream(stream, first[0] == 0x16 && n > 0, app, tls).await;
    }
    serve_stream(stream, first[0] == 0x16, app, tls).await
}

async fn serve_stream(stream: TcpStream, is_tls: bool, app: Router, tls: Option<TlsAcceptor>) {
    let service = TowerToHyperService::new(app);
    let builder = hyper::server::conn::http1::Builder::new();
    match (is_tls, tls) {
        (true, Some(acceptor)) => {
            let Ok(Ok(tls_stream)) =
                tokio::time::timeout(Duration::from_secs(30), acceptor.accept(stream)).await
            else {
                return;
            };
            let _ = builder
                .serve_connection(TokioIo::new(tls_stream), service)
                .await;
        }
        (true, None) => {}
        (false, _) => {
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        }
    }
}
