//! The order in which composite rules are evaluated.

use super::*;

/// Orders composite rules so that each comes after the composites it uses; fails on cycles.
pub(super) fn composite_order(rules: &[Rule]) -> Result<Vec<usize>, BuildError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    pub(super) fn visit(
        i: usize,
        rules: &[Rule],
        marks: &mut [Mark],
        order: &mut Vec<usize>,
    ) -> Result<(), BuildError> {
        match marks[i] {
            Mark::Done => return Ok(()),
            Mark::Active => {
                return Err(BuildError::new(
                    &rules[i].file,
                    Some(&rules[i].id),
                    BuildErrorKind::Cycle,
                ));
            }
            Mark::New => {}
        }
        marks[i] = Mark::Active;
        if let RuleKind::Composite { all, any, none, .. } = &rules[i].kind {
            for &dep in all.iter().chain(any).chain(none) {
                visit(dep, rules, marks, order)?;
            }
            order.push(i);
        }
        marks[i] = Mark::Done;
        Ok(())
    }
    let mut marks = vec![Mark::New; rules.len()];
    let mut order = Vec::new();
    for i in 0..rules.len() {
        visit(i, rules, &mut marks, &mut order)?;
    }
    Ok(order)
}
