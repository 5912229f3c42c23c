//! The generated `Options` of a placement decode the `PLACEMENT_OPTIONS`
//! the docs show the portal posting (values copied from the Bitrix24 REST
//! docs, MIT: widgets/telephony/call-card.md, widgets/crm/detail-tab.md,
//! widgets/task/view-tab.md, widgets/im/context-menu.md), through
//! `b24_core::placement_options::decode`, families included.

use b24::placements::{
    call_card, crm_detail_tab, crm_dynamic_xxx_detail_tab, im_context_menu, task_view_tab,
};
use b24_core::placement_options::{OptionsError, PlacementOptions, decode};

#[test]
fn call_card_options_decode_as_the_docs_show_them() {
    let raw = r#"{"CALL_ID":"externalCall.c3ee67f1a63f6e6117c230ab59cc49ea.1723556778","PHONE_NUMBER":"+4930123456","LINE_NUMBER":"+49 30 000-00-00","LINE_NAME":"+49 30 000-00-00","CRM_ENTITY_TYPE":"COMPANY","CRM_ENTITY_ID":"17","CRM_ACTIVITY_ID":"undefined","CRM_BINDINGS":[{"ENTITY_TYPE":"DEAL","ENTITY_ID":"25"},{"ENTITY_TYPE":"COMPANY","ENTITY_ID":"17"}],"CALL_DIRECTION":"incoming","CALL_STATE":"connected","CALL_LIST_MODE":"false","URI":"\/crm\/company\/details\/17\/"}"#;
    assert_eq!(
        <call_card::Options as PlacementOptions>::PLACEMENT,
        "CALL_CARD"
    );
    let o: call_card::Options = decode("CALL_CARD", raw).expect("decodes");
    assert_eq!(
        o.call_id,
        "externalCall.c3ee67f1a63f6e6117c230ab59cc49ea.1723556778"
    );
    assert_eq!(o.phone_number.as_deref(), Some("+4930123456"));
    assert_eq!(o.crm_entity_type.as_deref(), Some("COMPANY"));
    assert!(matches!(
        decode::<call_card::Options>("CRM_DEAL_DETAIL_TAB", raw),
        Err(OptionsError::WrongPlacement { .. })
    ));
}

#[test]
fn family_options_decode_for_every_member_code() {
    let raw = r#"{"ID":"8061","URI":"\/crm\/deal\/details\/8061\/?any=details%2F8061%2F&IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER"}"#;
    let o: crm_detail_tab::Options = decode("CRM_DEAL_DETAIL_TAB", raw).expect("deal");
    assert_eq!(o.id, "8061");
    assert!(
        o.uri
            .as_deref()
            .is_some_and(|u| u.starts_with("/crm/deal/details/8061/"))
    );
    let o: crm_dynamic_xxx_detail_tab::Options =
        decode("CRM_DYNAMIC_183_DETAIL_TAB", raw).expect("custom type");
    assert!(format!("{o:?}").contains("8061"));
    // the documented required key is required
    assert!(decode::<crm_detail_tab::Options>("CRM_DEAL_DETAIL_TAB", "{}").is_err());
}

#[test]
fn chat_and_task_options_decode() {
    let raw = r#"{"messageId":"2431","dialogId":"chat2","URI":"\/online\/"}"#;
    let o: im_context_menu::Options = decode("IM_CONTEXT_MENU", raw).expect("im");
    assert_eq!(
        (o.message_id.as_str(), o.dialog_id.as_str()),
        ("2431", "chat2")
    );
    let raw = r#"{"taskId":"31","URI":"\/company\/personal\/user\/1\/tasks\/task\/view\/31\/"}"#;
    let o: task_view_tab::Options = decode("TASK_VIEW_TAB", raw).expect("task");
    assert_eq!(o.task_id, "31");
}
