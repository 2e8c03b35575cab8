//! The macros whose bodies matter: `select!` and `join!`, read back into syntax.
//!
//! syn leaves a macro's body as tokens, because only the macro knows its grammar. Half of the
//! patterns the scanner looks for live inside `tokio::select!`, so we parse its grammar
//! ourselves: `biased;`, then branches `<pattern> = <future> [, if <condition>] => <handler>`,
//! and an optional `else => <handler>`. `futures::select!` has the same shape. `join!` and
//! `try_join!` take futures separated by commas. Any other macro whose body parses as
//! comma-separated expressions (`println!`, `vec!`, `assert!`) is read that way, so calls in
//! its arguments are still seen; a body that parses as neither is skipped.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Pat, Token};

/// One branch of a `select!`.
pub struct Branch {
    /// The variable the pattern binds when it is a plain name (`res = rx.recv() => ..`).
    pub binding: Option<String>,
    /// The future the branch waits on, created afresh each time the `select!` runs.
    pub future: Expr,
    /// The `if` precondition, if any.
    pub condition: Option<Expr>,
    /// What runs when the branch wins.
    pub handler: Expr,
}

/// A parsed `select!` body.
pub struct Select {
    /// The branches in order (the `else` branch is not among them).
    pub branches: Vec<Branch>,
    /// The `else => ...` handler.
    pub otherwise: Option<Expr>,
}

impl Parse for Select {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(syn::Ident) && input.fork().parse::<syn::Ident>()? == "biased" {
            input.parse::<syn::Ident>()?;
            input.parse::<Token![;]>()?;
        }
        let mut branches = Vec::new();
        let mut otherwise = None;
        while !input.is_empty() {
            if input.peek(Token![else]) {
                input.parse::<Token![else]>()?;
                input.parse::<Token![=>]>()?;
                otherwise = Some(handler(input)?);
                continue;
            }
            // `futures::select!` also allows `complete =>` and `default =>`.
            if input.peek(syn::Ident) && input.peek2(Token![=>]) {
                input.parse::<syn::Ident>()?;
                input.parse::<Token![=>]>()?;
                otherwise = Some(handler(input)?);
                continue;
            }
            let pattern = Pat::parse_multi_with_leading_vert(input)?;
            let binding = match &pattern {
                Pat::Ident(ident) => Some(ident.ident.to_string()),
                _ => None,
            };
            input.parse::<Token![=]>()?;
            let future = Expr::parse_without_eager_brace(input).or_else(|_| input.parse())?;
            let condition = if input.peek(Token![,]) && input.peek2(Token![if]) {
                input.parse::<Token![,]>()?;
                input.parse::<Token![if]>()?;
                Some(Expr::parse_without_eager_brace(input)?)
            } else {
                None
            };
            input.parse::<Token![=>]>()?;
            let handler = handler(input)?;
            branches.push(Branch {
                binding,
                future,
                condition,
                handler,
            });
        }
        Ok(Select {
            branches,
            otherwise,
        })
    }
}

/// A branch handler: a block (comma optional) or an expression (comma required unless last).
fn handler(input: ParseStream<'_>) -> syn::Result<Expr> {
    let expr: Expr = input.parse()?;
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(expr)
}

/// Comma-separated expressions: the body of `join!` and of most other macros.
pub struct Args(pub Vec<Expr>);

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let exprs = Punctuated::<Expr, Token![,]>::parse_terminated(input)?;
        Ok(Args(exprs.into_iter().collect()))
    }
}

/// Statements: the body of macros such as `tokio::pin!` or a block-like macro.
pub struct Stmts(pub Vec<syn::Stmt>);

impl Parse for Stmts {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        Ok(Stmts(syn::Block::parse_within(input)?))
    }
}

/// What a macro is, by the last segment of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `select!` (tokio's or futures').
    Select,
    /// `join!`, `try_join!`.
    Join,
    /// Anything else.
    Other,
}

/// Classifies a macro by its name.
pub fn kind(mac: &syn::Macro) -> Kind {
    match mac
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .as_deref()
    {
        Some("select" | "select_biased") => Kind::Select,
        Some("join" | "try_join") => Kind::Join,
        _ => Kind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tokio_select_with_biased_conditions_and_else() {
        let select: Select = syn::parse_str(
            "biased;
             line = reader.read_line(&mut buf), if open => { handle(line) }
             _ = sleep(d) => break,
             Some(x) = rx.recv() => println!(\"{x}\"),
             else => return,",
        )
        .unwrap();
        assert_eq!(select.branches.len(), 3);
        assert!(select.branches[0].condition.is_some());
        assert!(select.otherwise.is_some());
    }
}
