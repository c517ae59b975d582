//! The Rego rule set (`policies/policy.rego`) compiled to regorus's register virtual machine (RVM,
//! regorus feature `rvm`): the policy is compiled once to a `Program` with one entry point per
//! action, and each decision sets the input and runs the action's entry point.

use std::sync::Arc;

use anyhow::{Context as _, anyhow};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::RegoVM;
use regorus::rvm::program::Program;

use crate::trust::{ACTIONS, REGO_POLICY};

/// One virtual machine loaded with the compiled rule set.
pub struct RvmEngine {
    pub vm: RegoVM,
    pub program: Arc<Program>,
    /// The entry point index of each action, in the order of [`ACTIONS`].
    entry: [usize; 5],
}

impl RvmEngine {
    pub fn new() -> anyhow::Result<RvmEngine> {
        let rules: Vec<String> = ACTIONS.iter().map(|a| format!("data.trust.{a}")).collect();
        let mut engine = regorus::Engine::new();
        engine.add_policy("policy.rego".into(), REGO_POLICY.into()).context("policy.rego does not load")?;
        let compiled = engine.compile_with_entrypoint(&rules[0].as_str().into()).context("policy.rego does not compile")?;
        let entry_points: Vec<&str> = rules.iter().map(String::as_str).collect();
        let program =
            Compiler::compile_from_policy(&compiled, &entry_points).map_err(|e| anyhow!("policy.rego does not compile to the RVM: {e}"))?;
        let mut vm = RegoVM::new();
        vm.load_program(program.clone());
        vm.set_data(regorus::Value::new_object()).map_err(|e| anyhow!("the RVM refuses its data: {e}"))?;
        let names = vm.get_entry_point_names();
        let mut entry = [0; 5];
        for (slot, rule) in entry.iter_mut().zip(&rules) {
            *slot = names
                .iter()
                .position(|n| n == rule)
                .ok_or_else(|| anyhow!("the RVM program has no entry point `{rule}` (it has {names:?})"))?;
        }
        Ok(RvmEngine { vm, program, entry })
    }

    /// Sets the input and runs the action's entry point.
    pub fn allows(&mut self, input: &regorus::Value, action: usize) -> anyhow::Result<bool> {
        let entry = *self.entry.get(action).ok_or_else(|| anyhow!("no action at index {action}"))?;
        self.vm.set_input(input.clone());
        let value = self.vm.execute_entry_point_by_index(entry).map_err(|e| anyhow!("the RVM fails on `{}`: {e}", ACTIONS[action]))?;
        value.as_bool().copied().map_err(|_| anyhow!("`data.trust.{}` is not a boolean on the RVM: {value}", ACTIONS[action]))
    }
}
