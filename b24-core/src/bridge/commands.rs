//! The command channel: [`Bridge::send`] and [`Bridge::subscribe`] queue a
//! typed command for the widget and wait for its reply or callback stream.

use super::*;

/// Why a command did not produce a result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// No such open session.
    #[error("no open widget session `{0}`")]
    UnknownSession(String),
    /// The command belongs to another placement.
    #[error("command {command} is for {expected}, the bridge serves {actual}")]
    WrongPlacement {
        /// The command.
        command: &'static str,
        /// Its placement.
        expected: &'static str,
        /// The bridge's placement.
        actual: &'static str,
    },
    /// The widget ran the command but the portal never called back (in the
    /// browser, `CallCardStartTimer`/`CallCardStopTimer` succeed silently).
    #[error("the portal did not answer the command")]
    NoReply,
    /// The widget did not answer in time.
    #[error("the widget did not answer within {0:?}")]
    Timeout(Duration),
    /// The parameters did not serialize, or the result did not decode.
    #[error("command result: {0}")]
    Json(#[from] serde_json::Error),
    /// [`Bridge::send`] of a command whose callback fires repeatedly: it
    /// needs [`Bridge::subscribe`].
    #[error("command {0} calls back repeatedly: use Bridge::subscribe")]
    Repeating(&'static str),
    /// [`Bridge::subscribe`] to a command that calls back once: it needs
    /// [`Bridge::send`].
    #[error("command {0} calls back once: use Bridge::send")]
    NotRepeating(&'static str),
}

/// The calls of a repeating command's callback, typed, in the order the
/// widget saw them. Ends when the session closes: [`Bridge::close`], or an
/// expired session dropped when the next placement opens. Dropping it tells
/// the widget to stop forwarding (its next post is answered `410 Gone`).
#[must_use = "a dropped stream stops the callbacks"]
pub struct CommandStream<T> {
    rx: mpsc::Receiver<Value>,
    _t: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for CommandStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandStream").finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> Stream for CommandStream<T> {
    type Item = Result<T, CommandError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx).map(|v| v.map(decode_reply))
    }
}

/// Decodes a callback value. `B24Frame` hands an empty reply over as `""`;
/// such a value decodes as `null` when `""` itself does not fit.
pub(super) fn decode_reply<T: DeserializeOwned>(v: Value) -> Result<T, CommandError> {
    match serde_json::from_value(v.clone()) {
        Err(e) if v == Value::String(String::new()) => {
            serde_json::from_value(Value::Null).map_err(|_| CommandError::Json(e))
        }
        r => r.map_err(CommandError::Json),
    }
}

/// A command the widget has not answered, or a repeating one whose callback
/// values still flow.
pub(super) struct Pending {
    pub(super) reply: Option<oneshot::Sender<Reply>>,
    pub(super) stream: Option<mpsc::Sender<Value>>,
}

pub(super) enum Reply {
    Result(Value),
    Silent,
    /// A repeating command's callback is registered.
    Bound,
}

/// Callback values a [`CommandStream`] buffers before the widget's posts wait.
const STREAM_BUFFER: usize = 64;

impl<E: InterfaceEvents> Bridge<E> {
    /// Sends a command to the widget of `session` and waits for its typed
    /// result.
    pub async fn send<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
    ) -> Result<C::Output, CommandError> {
        if C::REPEATS {
            return Err(CommandError::Repeating(C::NAME));
        }
        let (id, rx) = self.enqueue(session, command, None)?;
        match self.reply(session, id, rx).await? {
            Reply::Result(v) => decode_reply(v),
            Reply::Silent => Err(CommandError::NoReply),
            // A one-shot command has no callback stream to bind.
            Reply::Bound => Err(CommandError::NoReply),
        }
    }

    /// Runs a command whose callback fires repeatedly
    /// ([`PlacementCommand::REPEATS`]) in the widget of `session`, and returns
    /// once the widget has registered the callback: every later call of it is
    /// an item of the stream.
    pub async fn subscribe<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
    ) -> Result<CommandStream<C::Output>, CommandError> {
        if !C::REPEATS {
            return Err(CommandError::NotRepeating(C::NAME));
        }
        let (tx, rx_values) = mpsc::channel(STREAM_BUFFER);
        let (id, rx) = self.enqueue(session, command, Some(tx.clone()))?;
        let first = match self.reply(session, id, rx).await {
            Ok(Reply::Bound) => None,
            // A widget that answers once (an older bridge.js): that answer
            // is the first call.
            Ok(Reply::Result(v)) => Some(v),
            Ok(Reply::Silent) => None,
            Err(e) => {
                if let Some(s) = self.lock().get_mut(session) {
                    s.waiting.remove(&id);
                }
                return Err(e);
            }
        };
        if let Some(v) = first {
            // The buffer is empty: the stream was just made.
            let _ = tx.try_send(v);
        }
        Ok(CommandStream {
            rx: rx_values,
            _t: PhantomData,
        })
    }

    /// Queues a command for the widget; `stream` marks a repeating one.
    fn enqueue<C: PlacementCommand>(
        &self,
        session: &str,
        command: &C,
        stream: Option<mpsc::Sender<Value>>,
    ) -> Result<(u64, oneshot::Receiver<Reply>), CommandError> {
        if C::PLACEMENT != E::PLACEMENT {
            return Err(CommandError::WrongPlacement {
                command: C::NAME,
                expected: C::PLACEMENT,
                actual: E::PLACEMENT,
            });
        }
        // Exactly what the command serializes to: `0`, `null`, `""` and
        // `false` stay what they are.
        let params = serde_json::to_value(command)?;
        let id = self.inner.next_command.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        let mut sessions = self.lock();
        let s = sessions
            .get_mut(session)
            .ok_or_else(|| CommandError::UnknownSession(session.to_owned()))?;
        let repeat = stream.is_some();
        s.waiting.insert(
            id,
            Pending {
                reply: Some(tx),
                stream,
            },
        );
        s.queue
            .push_back(json!({"id": id, "command": C::NAME, "params": params, "repeat": repeat}));
        s.wake.notify_one();
        Ok((id, rx))
    }

    /// Waits for the widget's answer to command `id`.
    async fn reply(
        &self,
        session: &str,
        id: u64,
        rx: oneshot::Receiver<Reply>,
    ) -> Result<Reply, CommandError> {
        let out = tokio::time::timeout(self.inner.command_timeout, rx).await;
        if let Some(s) = self.lock().get_mut(session)
            && s.waiting.get(&id).is_some_and(|p| p.stream.is_none())
        {
            s.waiting.remove(&id);
        }
        match out {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(_)) | Err(_) => Err(CommandError::Timeout(self.inner.command_timeout)),
        }
    }
}
