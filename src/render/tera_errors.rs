//! tera's errors for people: what went wrong in a facility's template, in the terminal's language.
//!
//! tera reports in English, and a syntax error as pest's drawing (`--> 3:1`, `= expected tag or
//! some content`). A clinic editing a 様式 reads neither, so the kinds kitei can name — a syntax
//! error with its line and column, an unknown value, filter, function or test, a missing or
//! circular template — become catalogue messages; pest's own "expected …" phrase and any other
//! error are quoted after them, as the YAML parser's words are.

use crate::i18n::{text, Msg, TemplateProblem};

/// The message of `error`, a tera error (its whole chain read), in the terminal's language, and
/// the template it names when tera says which (「Failed to parse 'bcp.md'」).
pub(super) fn describe(error: &(dyn std::error::Error + 'static)) -> (Option<String>, String) {
    let mut chain = Vec::new();
    let mut current = Some(error);
    while let Some(error) = current {
        chain.push(error);
        current = error.source();
    }
    let named = chain.iter().find_map(|e| {
        let message = e.to_string();
        let rest = message.strip_prefix("Failed to parse '").or_else(|| message.strip_prefix("Failed to render '"))?;
        rest.split_once('\'').map(|(name, _)| name.to_owned())
    });
    let problem = chain.iter().find_map(|e| e.downcast_ref::<tera::Error>().and_then(problem));
    let message = match problem {
        Some(problem) => text(Msg::TemplateProblem(problem)),
        None => {
            let words: Vec<String> = chain.iter().map(|e| e.to_string()).collect();
            text(Msg::TemplateProblem(TemplateProblem::Other(&words.join(": "))))
        }
    };
    (named, message)
}

fn problem(error: &tera::Error) -> Option<TemplateProblem<'_>> {
    use tera::ErrorKind as K;
    Some(match &error.kind {
        K::FilterNotFound(name) => TemplateProblem::UnknownFilter(name),
        K::FunctionNotFound(name) => TemplateProblem::UnknownFunction(name),
        K::TestNotFound(name) => TemplateProblem::UnknownTest(name),
        K::TemplateNotFound(name) | K::MissingParent { parent: name, .. } => TemplateProblem::MissingTemplate(name),
        K::CircularExtend { tpl, .. } => TemplateProblem::Circular(tpl),
        K::Msg(message) => return syntax(message).or_else(|| unknown_variable(message)),
        _ => return None,
    })
}

/// pest's drawing of a syntax error: ` --> 3:1` and `= expected …`.
fn syntax(message: &str) -> Option<TemplateProblem<'_>> {
    let place = message.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let (line, column) = place.trim().split_once(':')?;
    let expected = message.lines().find_map(|l| l.trim().strip_prefix("= ")).unwrap_or_default();
    Some(TemplateProblem::Syntax { line: line.parse().ok()?, column: column.parse().ok()?, expected: expected.trim() })
}

/// 「Variable `x.y` not found in context while rendering 'bcp.md'」.
fn unknown_variable(message: &str) -> Option<TemplateProblem<'_>> {
    let rest = message.strip_prefix("Variable `")?;
    let (name, after) = rest.split_once('`')?;
    after.starts_with(" not found in context").then_some(TemplateProblem::UnknownVariable(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(template: &str) -> String {
        let mut tera = tera::Tera::default();
        let result =
            tera.add_raw_template("bcp.md", template).and_then(|()| tera.render("bcp.md", &tera::Context::new()));
        let (named, message) = describe(&result.unwrap_err());
        assert_eq!(named.as_deref(), Some("bcp.md"), "{message}");
        message
    }

    #[test]
    fn kinds_kitei_can_name_are_named_with_their_place() {
        let syntax = error_of("本文\n{% if x %}\n本文\n");
        assert!(syntax.contains("line 4, column 1") && syntax.contains("expected"), "{syntax}");
        assert!(!syntax.contains("-->"), "no drawing of pest's: {syntax}");
        let variable = error_of("{{ nosuch.value }}");
        assert!(variable.contains("`nosuch.value`") && !variable.contains("not found in context"), "{variable}");
        let filter = error_of("{{ 1 | nosuch }}");
        assert!(filter.contains("filter `nosuch`"), "{filter}");
        let other = error_of("{% for x in 3 %}{% endfor %}");
        assert!(!other.is_empty(), "{other}");
    }
}
