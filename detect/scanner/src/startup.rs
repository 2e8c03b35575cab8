//! Start-up code: which functions of a crate run once, before or beside the work.
//!
//! A blocking read of a config file in `main` stalls nothing; the same read in a request
//! handler stalls every request on that worker. A runtime built in `main` is the one runtime;
//! built in a method, it is one per call. Per file, the scanner cannot tell these apart, so
//! before analysing any file it builds a small call graph of the whole crate, by name, and
//! follows it from `main`.
//!
//! The graph only records calls that run once per call of their caller: calls outside loops
//! (`loop`, `while`, `for`), closures (a closure may be a callback run per request) and futures
//! handed to `spawn` (they run beside everything else, not before it). Method calls are
//! followed only on `self`; `x.run()` on some value could be any `run`.

use std::collections::{HashMap, HashSet};

use syn::visit::{self, Visit};
use syn::{Expr, ExprCall, ExprMethodCall};

use crate::analyze::strip;

/// Which functions of a crate are start-up code: they run once, before or beside the work,
/// so a blocking call in them stalls nothing that matters and a runtime built there is the
/// one runtime.
///
/// Start-up code is `main`, and what it calls outside any loop and closure, transitively
/// (`main` → `run` → `bind_listener`); a task spawned once from there counts too. Also a future
/// that a free synchronous function drives with `block_on` outside a loop: that runtime has
/// nothing else to run. Functions are matched by name across the crate's files, so a
/// per-request function that shares a name with a start-up one is exempted too: a trade the
/// corpus measures.
#[derive(Debug, Default)]
pub struct CallGraph {
    /// Function name → the names it calls outside loops and closures.
    calls: HashMap<String, HashSet<String>>,
    /// Where start-up begins: `main`, and futures driven by `block_on` from free functions.
    roots: HashSet<String>,
}

impl CallGraph {
    /// Adds one file's functions.
    pub fn add_file(&mut self, file: &syn::File) {
        let mut collector = GraphCollector {
            graph: self,
            current: Vec::new(),
            loops: 0,
            closures: 0,
            spawned: 0,
            block_on_root: 0,
        };
        collector.visit_file(file);
    }

    /// Every function reachable from a root.
    pub fn startup(&self) -> HashSet<String> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut queue: Vec<String> = self.roots.iter().cloned().collect();
        queue.push("main".to_string());
        while let Some(name) = queue.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(callees) = self.calls.get(&name) {
                queue.extend(callees.iter().filter(|c| !seen.contains(*c)).cloned());
            }
        }
        seen
    }
}

struct GraphCollector<'g> {
    graph: &'g mut CallGraph,
    /// The enclosing functions: (name, is a free synchronous function).
    current: Vec<(String, bool)>,
    loops: usize,
    closures: usize,
    /// Inside the future handed to a `spawn`: it runs beside everything else, not before.
    spawned: usize,
    /// Inside the arguments of a `block_on` made by a free synchronous function.
    block_on_root: usize,
}

impl GraphCollector<'_> {
    fn function(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let free_sync = sig.asyncness.is_none() && sig.receiver().is_none();
        self.current.push((sig.ident.to_string(), free_sync));
        let saved = (self.loops, self.closures, self.spawned, self.block_on_root);
        (self.loops, self.closures, self.spawned, self.block_on_root) = (0, 0, 0, 0);
        self.visit_block(block);
        (self.loops, self.closures, self.spawned, self.block_on_root) = saved;
        self.current.pop();
    }

    fn called(&mut self, name: String) {
        if self.block_on_root > 0 {
            self.graph.roots.insert(name.clone());
        }
        if self.loops > 0 || self.closures > 0 || self.spawned > 0 {
            return;
        }
        if let Some((caller, _)) = self.current.last() {
            self.graph
                .calls
                .entry(caller.clone())
                .or_default()
                .insert(name);
        }
    }
}

impl<'ast> Visit<'ast> for GraphCollector<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig, &item.block);
    }
    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig, &item.block);
    }
    fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
        self.loops += 1;
        visit::visit_expr_loop(self, expr);
        self.loops -= 1;
    }
    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        self.loops += 1;
        visit::visit_expr_while(self, expr);
        self.loops -= 1;
    }
    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.loops += 1;
        visit::visit_expr_for_loop(self, expr);
        self.loops -= 1;
    }
    fn visit_expr_closure(&mut self, expr: &'ast syn::ExprClosure) {
        // A closure may be a callback that runs per request; it is not start-up code.
        self.closures += 1;
        visit::visit_expr_closure(self, expr);
        self.closures -= 1;
    }
    fn visit_expr_call(&mut self, call: &'ast ExprCall) {
        let mut spawn = false;
        if let Expr::Path(path) = &*call.func
            && let Some(last) = path.path.segments.last()
        {
            spawn = last.ident.to_string().starts_with("spawn");
            self.called(last.ident.to_string());
        }
        self.spawned += usize::from(spawn);
        visit::visit_expr_call(self, call);
        self.spawned -= usize::from(spawn);
    }
    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        if matches!(strip(&call.receiver), Expr::Path(p) if p.path.is_ident("self")) {
            self.called(call.method.to_string());
        }
        if call.method.to_string().starts_with("spawn") {
            self.visit_expr(&call.receiver);
            self.spawned += 1;
            for arg in &call.args {
                self.visit_expr(arg);
            }
            self.spawned -= 1;
            return;
        }
        let root = call.method == "block_on"
            && self.loops == 0
            && self.closures == 0
            && self.current.last().is_some_and(|(_, free_sync)| *free_sync);
        if root {
            self.visit_expr(&call.receiver);
            self.block_on_root += 1;
            for arg in &call.args {
                self.visit_expr(arg);
            }
            self.block_on_root -= 1;
        } else {
            visit::visit_expr_method_call(self, call);
        }
    }
}
