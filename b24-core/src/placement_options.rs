//! Typed `PLACEMENT_OPTIONS`: what a placement handler receives when the portal opens it.

/// The typed `PLACEMENT_OPTIONS` of one placement; generated from `specs/placements`.
pub trait PlacementOptions: serde::de::DeserializeOwned + Send + 'static {
    /// The placement code, e.g. `CALL_CARD`.
    const PLACEMENT: &'static str;
}

/// Why `PLACEMENT_OPTIONS` could not be read as a placement's options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionsError {
    /// The request opened another placement than the options type is for.
    #[error("PLACEMENT `{got}` is not `{expected}`")]
    WrongPlacement {
        /// The code (or family pattern) of the options type.
        expected: &'static str,
        /// The `PLACEMENT` the portal sent.
        got: String,
    },
    /// The options are not a JSON object of the documented shape.
    #[error("PLACEMENT_OPTIONS of `{placement}`: {message}")]
    Malformed {
        /// The placement code.
        placement: &'static str,
        /// What was wrong.
        message: String,
    },
}

/// Decodes the `PLACEMENT_OPTIONS` form value (a JSON string) of a request
/// that opened `placement`. The placement must be `T`'s code or belong to its
/// family. An empty value, and the `[]` PHP writes for an empty array, are
/// the empty object. Scalars are read leniently (`"8061"` for an integer),
/// as the generated fields' decoders do.
pub fn decode<T: PlacementOptions>(placement: &str, raw_options: &str) -> Result<T, OptionsError> {
    let raw = raw_options.trim();
    let value = match raw {
        "" => serde_json::Value::Object(serde_json::Map::new()),
        _ => serde_json::from_str(raw).map_err(|e| OptionsError::Malformed {
            placement: T::PLACEMENT,
            message: format!("not JSON: {e}"),
        })?,
    };
    decode_value(placement, value)
}

/// [`decode`] for options already parsed from the form (as the bridge's
/// `PlacementRequest` holds them).
pub fn decode_value<T: PlacementOptions>(
    placement: &str,
    value: serde_json::Value,
) -> Result<T, OptionsError> {
    if !crate::typed::placement_code_matches(T::PLACEMENT, placement) {
        return Err(OptionsError::WrongPlacement {
            expected: T::PLACEMENT,
            got: placement.to_owned(),
        });
    }
    let value = match value {
        serde_json::Value::Null => serde_json::Value::Object(serde_json::Map::new()),
        serde_json::Value::Array(a) if a.is_empty() => {
            serde_json::Value::Object(serde_json::Map::new())
        }
        v => v,
    };
    if !value.is_object() {
        return Err(OptionsError::Malformed {
            placement: T::PLACEMENT,
            message: format!("expected a JSON object, found {value}"),
        });
    }
    serde_json::from_value(value).map_err(|e| OptionsError::Malformed {
        placement: T::PLACEMENT,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Tab {
        #[serde(rename = "ID", deserialize_with = "crate::lenient::int")]
        id: i64,
        #[serde(rename = "URI", default)]
        uri: Option<String>,
    }

    impl PlacementOptions for Tab {
        const PLACEMENT: &'static str = "CRM_XXX_DETAIL_TAB";
    }

    #[test]
    fn decodes_the_documented_example_leniently() {
        let raw = r#"{"ID":"8061","URI":"\/crm\/deal\/details\/8061\/"}"#;
        let t: Tab = decode("CRM_DEAL_DETAIL_TAB", raw).expect("decodes");
        assert_eq!(t.id, 8061);
        assert_eq!(t.uri.as_deref(), Some("/crm/deal/details/8061/"));
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        assert!(matches!(
            decode::<Tab>("CALL_CARD", "{}"),
            Err(OptionsError::WrongPlacement { .. })
        ));
        assert!(matches!(
            decode::<Tab>("CRM_DEAL_DETAIL_TAB", "{not json"),
            Err(OptionsError::Malformed { .. })
        ));
        assert!(matches!(
            decode::<Tab>("CRM_DEAL_DETAIL_TAB", "42"),
            Err(OptionsError::Malformed { .. })
        ));
        // ID is required by this type: the empty object lacks it
        let e = decode::<Tab>("CRM_DEAL_DETAIL_TAB", "[]").expect_err("missing ID");
        assert!(e.to_string().contains("ID"), "{e}");
    }
}
