//! One enum for the REST events of several spec files, so that one handler
//! URL (one route, one [`Receiver`](super::Receiver)) takes them all.

/// Combines the generated REST event modules (`b24::crm::deals`,
/// `b24::telephony::telephony`, ...) into one enum that implements
/// [`RestEvents`](crate::RestEvents), for one route or one offline queue.
///
/// ```ignore
/// b24::rest_events! {
///     /// Everything this app listens to, at one handler URL.
///     pub enum AppEvent {
///         App(b24::basic::common),
///         Deals(b24::crm::deals),
///         Telephony(b24::telephony::telephony),
///     }
/// }
///
/// struct App; // implements common::RestHandler, crm_deals::RestHandler, telephony::RestHandler
/// let app = Arc::new(App);
/// let route = b24::axum::rest_events::<AppEvent, _>(
///     move |e: AppEvent, ctx| { let app = app.clone(); async move { e.dispatch(&*app, ctx).await } },
///     store,
/// );
/// ```
///
/// Each variant holds its module's `RestEvent`. A code is decoded by the
/// first listed module whose `CODES` has it (case-insensitive); a code no
/// module lists becomes `Unknown { code, data }`, keeping the raw data.
/// `dispatch(&handler, ctx)` calls the `RestHandler` method of the module the
/// event belongs to (the handler implements every module's trait); an
/// `Unknown` event is not dispatched, match it first if you need it.
#[macro_export]
macro_rules! rest_events {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ( $($module:ident)::+ ) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("An event of `", stringify!($($module)::+), "`.")]
                $variant($($module)::+::RestEvent),
            )+
            /// An event no listed module knows, with its raw `data`.
            Unknown {
                /// The event code as received.
                code: ::std::string::String,
                /// The raw `data` object.
                data: $crate::__private::serde_json::Value,
            },
        }

        impl $crate::RestEvents for $name {
            const CODES: &'static [&'static str] = &$crate::__private::concat_codes::<
                { 0 $( + <$($module)::+::RestEvent as $crate::RestEvents>::CODES.len() )+ },
            >(&[$( <$($module)::+::RestEvent as $crate::RestEvents>::CODES ),+]);

            fn decode(
                code: &str,
                data: $crate::__private::serde_json::Value,
            ) -> ::std::result::Result<Self, $crate::DecodeError> {
                $(
                    if <$($module)::+::RestEvent as $crate::RestEvents>::CODES
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(code))
                    {
                        return <$($module)::+::RestEvent as $crate::RestEvents>::decode(code, data)
                            .map(Self::$variant);
                    }
                )+
                ::std::result::Result::Ok(Self::Unknown { code: code.to_owned(), data })
            }

            fn code(&self) -> &str {
                match self {
                    $( Self::$variant(e) => $crate::RestEvents::code(e), )+
                    Self::Unknown { code, .. } => code,
                }
            }
        }

        impl $name {
            /// Calls the `RestHandler` method of the module this event
            /// belongs to, with the delivery's context (which portal sent
            /// it). `Unknown` events are not dispatched.
            #[allow(dead_code)]
            $vis async fn dispatch<H>(self, handler: &H, ctx: $crate::__private::DeliveryContext)
            where
                H: $( $($module)::+::RestHandler + )+ ?Sized,
            {
                match self {
                    $( Self::$variant(e) => $($module)::+::dispatch_rest(handler, e, ctx).await, )+
                    Self::Unknown { .. } => {}
                }
            }
        }
    };
}

/// Concatenates code lists at compile time (`N` is their total length).
#[doc(hidden)]
pub const fn concat_codes<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    let mut p = 0;
    while p < parts.len() {
        let part = parts[p];
        let mut j = 0;
        while j < part.len() {
            out[i] = part[j];
            i += 1;
            j += 1;
        }
        p += 1;
    }
    assert!(i == N, "code lists and their total length disagree");
    out
}
