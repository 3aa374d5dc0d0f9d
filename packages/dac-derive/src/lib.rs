//! `#[dac_serde]`: `cosmwasm_schema::cw_serde` with a lean `Deserialize` and a lean JSON writer
//! ([`LeanSerialize`], `dac_common::json::ToJson`).
//!
//! Why: serde derives a visitor for every struct, struct variant and enum, and the JSON reader is
//! compiled again for each of them; the contracts have a few hundred. [`LeanDeserialize`] derives
//! `dac_common::de::FromJson` (the type built from a parsed `dac_common::de::Value` by plain code)
//! and a `Deserialize` that reads JSON into a `Value` first, so the JSON reader is compiled once.
//! Binary formats (not self-describing) go through one visitor shared by all types with the same
//! field types (`dac_common::de::Fields`), with the field names passed at run time.
//!
//! It reads exactly what serde's derive reads for the attributes it accepts, and refuses at compile
//! time any serde attribute it does not implement, so an attribute can never be silently ignored:
//! - on the type: `rename_all = "snake_case"` (enums), `deny_unknown_fields`, `crate = "..."`;
//! - on a field: `default`, `default = "path"`, `skip_serializing_if = "..."` (serialization only),
//!   `with = "module"` (read with `module::deserialize`, from JSON through the parsed `Value`;
//!   `#[dac_serde]` also gives schemars the field's own type, which it would otherwise take the
//!   module's path for).
//!
//! Supported shapes: structs with named fields, and enums whose variants are units, newtypes
//! `V(T)` or have named fields (externally tagged, as serde's default).

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{
    parse_macro_input, Attribute, Data, DeriveInput, Error, Expr, ExprLit, Fields, Lit, Meta, Token,
};

/// `#[cw_serde]` with [`LeanDeserialize`] in place of serde's `Deserialize`, and [`LeanSerialize`]
/// besides serde's `Serialize` (which binary formats still use): the same derives and serde
/// attributes, hence the same JSON and the same schema.
#[proc_macro_attribute]
pub fn dac_serde(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return Error::new(Span::call_site(), "dac_serde takes no arguments")
            .to_compile_error()
            .into();
    }
    let mut input = parse_macro_input!(item as DeriveInput);
    schema_of_own_type(&mut input);
    let rename = match input.data {
        Data::Enum(_) => quote! { #[serde(rename_all = "snake_case")] },
        _ => quote! {},
    };
    quote! {
        #[derive(
            ::cosmwasm_schema::serde::Serialize,
            ::dac_common::LeanDeserialize,
            ::dac_common::LeanSerialize,
            ::std::clone::Clone,
            ::std::fmt::Debug,
            ::std::cmp::PartialEq,
            ::cosmwasm_schema::schemars::JsonSchema
        )]
        #[allow(clippy::derive_partial_eq_without_eq)]
        #[serde(crate = "::cosmwasm_schema::serde")]
        #[schemars(crate = "::cosmwasm_schema::schemars")]
        #rename
        #input
    }
    .into()
}

/// A field read and written `with` a module keeps its own type's schema: schemars takes serde's
/// `with` for a type, so it is told the field's.
fn schema_of_own_type(input: &mut DeriveInput) {
    let fields: Vec<&mut syn::Field> = match &mut input.data {
        Data::Struct(data) => data.fields.iter_mut().collect(),
        Data::Enum(data) => data
            .variants
            .iter_mut()
            .flat_map(|v| v.fields.iter_mut())
            .collect(),
        Data::Union(_) => Vec::new(),
    };
    for field in fields {
        let with = serde_metas(&field.attrs)
            .unwrap_or_default()
            .iter()
            .any(|meta| meta.path().is_ident("with"));
        if with {
            let ty = &field.ty;
            let ty = quote!(#ty).to_string();
            field.attrs.push(syn::parse_quote!(#[schemars(with = #ty)]));
        }
    }
}

/// Derives `serde::Deserialize` through `dac_common::de` (see the crate documentation).
#[proc_macro_derive(LeanDeserialize, attributes(serde))]
pub fn derive_lean_deserialize(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

struct Container {
    snake_case: bool,
    deny_unknown_fields: bool,
}

enum FieldDefault {
    None,
    Trait,
    Path(syn::ExprPath),
}

/// The serde attributes' contents (`#[serde(a, b = "c")]` gives `a` and `b = "c"`).
fn serde_metas(attrs: &[Attribute]) -> syn::Result<Vec<Meta>> {
    let mut metas = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        metas.extend(attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?);
    }
    Ok(metas)
}

fn string_value(meta: &Meta) -> syn::Result<String> {
    match meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(s.value()),
            other => Err(Error::new_spanned(other, "expected a string")),
        },
        other => Err(Error::new_spanned(other, "expected `name = \"value\"`")),
    }
}

fn unsupported(meta: &Meta) -> Error {
    Error::new_spanned(
        meta,
        "LeanDeserialize does not implement this serde attribute; implement it in dac-derive \
         or use serde's derive for this type",
    )
}

fn container(input: &DeriveInput) -> syn::Result<Container> {
    let mut container = Container {
        snake_case: false,
        deny_unknown_fields: false,
    };
    for meta in serde_metas(&input.attrs)? {
        if meta.path().is_ident("rename_all") && string_value(&meta)? == "snake_case" {
            container.snake_case = true;
        } else if meta.path().is_ident("deny_unknown_fields") && matches!(meta, Meta::Path(_)) {
            container.deny_unknown_fields = true;
        } else if meta.path().is_ident("crate") {
            string_value(&meta)?;
        } else {
            return Err(unsupported(&meta));
        }
    }
    Ok(container)
}

/// A field's serde attributes: its default, and the module it is read `with`.
struct FieldAttrs {
    default: FieldDefault,
    with: Option<syn::ExprPath>,
}

fn field_attrs(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
    let mut field = FieldAttrs {
        default: FieldDefault::None,
        with: None,
    };
    for meta in serde_metas(attrs)? {
        if meta.path().is_ident("default") {
            field.default = match &meta {
                Meta::Path(_) => FieldDefault::Trait,
                _ => FieldDefault::Path(syn::parse_str(&string_value(&meta)?)?),
            };
        } else if meta.path().is_ident("with") {
            field.with = Some(syn::parse_str(&string_value(&meta)?)?);
        } else if !meta.path().is_ident("skip_serializing_if") {
            return Err(unsupported(&meta));
        }
    }
    if field.with.is_some() && !matches!(field.default, FieldDefault::None) {
        return Err(Error::new_spanned(
            &attrs[0],
            "LeanDeserialize does not implement `default` with `with`",
        ));
    }
    Ok(field)
}

/// For a field read `with` a module: the name of a newtype of its type whose `Deserialize` (and
/// `FromJson`) is the module's, and the newtype's definition.
fn with_newtype(index: usize, ty: &syn::Type, with: &syn::ExprPath) -> (syn::Ident, TokenStream2) {
    let de = quote!(::dac_common::de);
    let serde = quote!(::cosmwasm_schema::serde);
    let name = syn::Ident::new(&format!("With{index}"), Span::call_site());
    let definition = quote! {
        struct #name(#ty);
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #with::deserialize(deserializer).map(#name)
            }
        }
        impl #de::FromJson for #name {
            fn from_json(
                value: #de::Value<'_>,
            ) -> ::core::result::Result<Self, #de::JsonError> {
                #with::deserialize(value).map(#name)
            }
        }
    };
    (name, definition)
}

/// Whether a field's type is written `Option<..>` (or `core::option::Option<..>`).
fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// serde's `snake_case` for a variant: `DecideAppeal` is `decide_appeal`.
fn snake_case(name: &str) -> String {
    let mut snake = String::new();
    for (i, ch) in name.char_indices() {
        if i > 0 && ch.is_uppercase() {
            snake.push('_');
        }
        snake.push(ch.to_ascii_lowercase());
    }
    snake
}

/// Reads named fields with the shared visitor and builds `path { fields }` from them. `access`
/// runs the visitor (given as tokens; it reads the field names from `NAMES`) and yields `Slots`.
fn named_fields(
    path: TokenStream2,
    fields: &syn::FieldsNamed,
    deny_unknown_fields: bool,
    access: impl FnOnce(TokenStream2) -> TokenStream2,
) -> syn::Result<TokenStream2> {
    let de = quote!(::dac_common::de);
    let idents: Vec<&syn::Ident> = fields
        .named
        .iter()
        .map(|f| f.ident.as_ref().unwrap())
        .collect();
    let names: Vec<String> = idents.iter().map(|i| i.to_string()).collect();
    let mut types = Vec::new();
    let mut newtypes = Vec::new();
    let mut values = Vec::new();
    for (index, field) in fields.named.iter().enumerate() {
        let name = &names[index];
        let slot = syn::Index::from(index);
        let attrs = field_attrs(&field.attrs)?;
        let ty = &field.ty;
        let value = match &attrs.with {
            Some(with) => {
                let (newtype, definition) = with_newtype(index, ty, with);
                types.push(quote!(#newtype));
                newtypes.push(definition);
                quote! { values.#slot.map(|read| read.0) }
            }
            None => {
                types.push(quote!(#ty));
                quote! { values.#slot }
            }
        };
        values.push(match attrs.default {
            // A missing `Option` is `None`, as in serde (which finds out by deserializing the
            // type from a "missing" deserializer, code for every field type; the name says it).
            // serde requires one read `with` a module.
            FieldDefault::None if is_option(ty) && attrs.with.is_none() => {
                quote! { #value.unwrap_or_default() }
            }
            FieldDefault::None => quote! { #de::required(#value, #name, #index, seq)? },
            FieldDefault::Trait => quote! { #value.unwrap_or_default() },
            FieldDefault::Path(path) => quote! { #value.unwrap_or_else(#path) },
        });
    }
    let run = access(quote! {
        #de::Fields::<(#(::core::option::Option<#types>,)*)>::new(NAMES, #deny_unknown_fields)
    });
    Ok(quote! {{
        #(#newtypes)*
        const NAMES: &[&str] = &[#(#names),*];
        #[allow(unused_variables)]
        let #de::Slots { values, seq } = #run?;
        ::core::result::Result::Ok(#path { #(#idents: #values),* })
    }})
}

/// Builds `path { fields }` from the [`StructFields`](dac_common::de::StructFields) in `fields`
/// (a variable of the derived `from_json`), each field taken as its attributes say.
///
/// Every field is read into an `Option` (`None` once one fails) before the value is built: with
/// `?` on each, a failure would drop the fields read before it, a drop path per field and struct
/// (quadratic code); here one drop of the tuple serves them all.
fn json_fields(path: TokenStream2, fields: &syn::FieldsNamed) -> syn::Result<TokenStream2> {
    let mut reads = Vec::new();
    let mut slots = Vec::new();
    let mut values = Vec::new();
    let mut newtypes = Vec::new();
    for (index, field) in fields.named.iter().enumerate() {
        let ident = field.ident.as_ref().unwrap();
        let ty = &field.ty;
        let slot = syn::Ident::new(&format!("field{index}"), Span::call_site());
        let attrs = field_attrs(&field.attrs)?;
        let read = match attrs.default {
            // A missing `Option` is `None`, as in serde (unless it is read `with` a module).
            FieldDefault::None if is_option(ty) && attrs.with.is_none() => {
                quote! { fields.or_default(#index) }
            }
            FieldDefault::None => quote! { fields.required(#index) },
            FieldDefault::Trait => quote! { fields.or_default(#index) },
            FieldDefault::Path(default) => quote! { fields.or_else(#index, #default) },
        };
        let read = match &attrs.with {
            Some(with) => {
                let (newtype, definition) = with_newtype(index, ty, with);
                newtypes.push(definition);
                quote! { #read.map(|read: #newtype| read.0) }
            }
            None => read,
        };
        reads.push(quote! { let #slot: ::core::option::Option<#ty> = #read; });
        values.push(quote! { #ident: #slot });
        slots.push(slot);
    }
    // A field that failed reads as `None`; without fields, ask whether opening them failed.
    let guard = if slots.is_empty() {
        quote! { if fields.is_ok() }
    } else {
        quote! {}
    };
    Ok(quote! {
        #(#newtypes)*
        #(#reads)*
        match (#(#slots,)*) {
            (#(::core::option::Option::Some(#slots),)*) #guard => {
                ::core::result::Result::Ok(#path { #(#values),* })
            }
            _ => ::core::result::Result::Err(fields.take_error()),
        }
    })
}

fn field_names(fields: &syn::FieldsNamed) -> Vec<String> {
    fields
        .named
        .iter()
        .map(|f| f.ident.as_ref().unwrap().to_string())
        .collect()
}

/// The `FromJson` body: the type built from `value`.
fn from_json_body(
    input: &DeriveInput,
    container: &Container,
    variant_names: &[String],
) -> syn::Result<TokenStream2> {
    let de = quote!(::dac_common::de);
    let name = &input.ident;
    Ok(match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                let names = field_names(fields);
                let deny = container.deny_unknown_fields;
                let build = json_fields(quote!(#name), fields)?;
                quote! {
                    const NAMES: &[&str] = &[#(#names),*];
                    let mut fields = #de::StructFields::open_struct(value, NAMES, #deny);
                    #build
                }
            }
            _ => unreachable!("checked by the binary reader"),
        },
        Data::Enum(data) => {
            let mut arms = Vec::new();
            for (index, (variant, variant_name)) in
                data.variants.iter().zip(variant_names).enumerate()
            {
                let ident = &variant.ident;
                let arm = match &variant.fields {
                    Fields::Unit => quote! {{
                        #de::unit_variant(content, #variant_name)?;
                        ::core::result::Result::Ok(#name::#ident)
                    }},
                    Fields::Unnamed(_) => quote! {
                        #de::newtype_variant(content, #variant_name).map(#name::#ident)
                    },
                    Fields::Named(fields) => {
                        let names = field_names(fields);
                        let build = json_fields(quote!(#name::#ident), fields)?;
                        quote! {{
                            const NAMES: &[&str] = &[#(#names),*];
                            let mut fields =
                                #de::StructFields::open_variant(content, NAMES, #variant_name);
                            #build
                        }}
                    }
                };
                arms.push(if index + 1 == data.variants.len() {
                    quote! { _ => #arm, }
                } else {
                    quote! { #index => #arm, }
                });
            }
            quote! {
                const VARIANTS: &[&str] = &[#(#variant_names),*];
                let (index, content) = #de::read_variant(value, VARIANTS)?;
                match index {
                    #(#arms)*
                }
            }
        }
        Data::Union(_) => unreachable!("checked by the binary reader"),
    })
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let container = container(input)?;
    if !input.generics.params.is_empty() {
        return Err(Error::new_spanned(
            &input.generics,
            "LeanDeserialize does not support generic types",
        ));
    }
    let name = &input.ident;
    let name_str = name.to_string();
    let serde = quote!(::cosmwasm_schema::serde);
    let de = quote!(::dac_common::de);

    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => named_fields(
                quote!(#name),
                fields,
                container.deny_unknown_fields,
                |visitor| {
                    quote! {
                        #serde::Deserializer::deserialize_struct(deserializer, #name_str, NAMES, #visitor)
                    }
                },
            )?,
            _ => {
                return Err(Error::new_spanned(
                    name,
                    "LeanDeserialize supports structs with named fields only",
                ))
            }
        },
        Data::Enum(data) => {
            let mut variant_names = Vec::new();
            let mut arms = Vec::new();
            for (index, variant) in data.variants.iter().enumerate() {
                if let Some(meta) = serde_metas(&variant.attrs)?.first() {
                    return Err(unsupported(meta));
                }
                let ident = &variant.ident;
                variant_names.push(if container.snake_case {
                    snake_case(&ident.to_string())
                } else {
                    ident.to_string()
                });
                let arm = match &variant.fields {
                    Fields::Unit => quote! {{
                        #serde::de::VariantAccess::unit_variant(variant)?;
                        ::core::result::Result::Ok(#name::#ident)
                    }},
                    Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                        if let Some(meta) = serde_metas(&fields.unnamed[0].attrs)?.first() {
                            return Err(unsupported(meta));
                        }
                        let ty = &fields.unnamed[0].ty;
                        quote! {
                            #serde::de::VariantAccess::newtype_variant::<#ty>(variant)
                                .map(#name::#ident)
                        }
                    }
                    // serde ignores unknown fields of struct variants, even when the enum has
                    // deny_unknown_fields.
                    Fields::Named(fields) => {
                        named_fields(quote!(#name::#ident), fields, false, |visitor| {
                            quote! {
                                #serde::de::VariantAccess::struct_variant(variant, NAMES, #visitor)
                            }
                        })?
                    }
                    Fields::Unnamed(_) => {
                        return Err(Error::new_spanned(
                            variant,
                            "LeanDeserialize supports unit, newtype and struct variants only",
                        ))
                    }
                };
                // The last arm takes every other index, so there is no unreachable panic.
                arms.push(if index + 1 == data.variants.len() {
                    quote! { _ => #arm, }
                } else {
                    quote! { #index => #arm, }
                });
            }
            quote! {
                const VARIANTS: &[&str] = &[#(#variant_names),*];
                struct Visitor;
                impl<'de> #serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, formatter: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                        formatter.write_str(concat!("enum ", #name_str))
                    }

                    fn visit_enum<A: #serde::de::EnumAccess<'de>>(
                        self,
                        data: A,
                    ) -> ::core::result::Result<#name, A::Error> {
                        let (index, variant) =
                            #serde::de::EnumAccess::variant_seed(data, #de::VariantKey(VARIANTS))?;
                        match index {
                            #(#arms)*
                        }
                    }
                }
                #serde::Deserializer::deserialize_enum(deserializer, #name_str, VARIANTS, Visitor)
            }
        }
        Data::Union(_) => {
            return Err(Error::new_spanned(
                name,
                "LeanDeserialize does not support unions",
            ))
        }
    };
    let variant_names = match &input.data {
        Data::Enum(data) => data
            .variants
            .iter()
            .map(|variant| {
                let ident = variant.ident.to_string();
                if container.snake_case {
                    snake_case(&ident)
                } else {
                    ident
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let from_json = from_json_body(input, &container, &variant_names)?;
    Ok(quote! {
        #[automatically_derived]
        impl #de::FromJson for #name {
            fn from_json(
                value: #de::Value<'_>,
            ) -> ::core::result::Result<Self, #de::JsonError> {
                #from_json
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                // JSON through a `Value`; binary formats, not self-describing, field by field.
                if #serde::Deserializer::is_human_readable(&deserializer) {
                    return #de::deserialize(deserializer);
                }
                #body
            }
        }
    })
}

/// Derives `dac_common::json::ToJson`: the same JSON as serde's derived `Serialize` written by
/// `serde_json_wasm`, for the serde attributes [`LeanDeserialize`] accepts (it refuses the others
/// at compile time), plus `skip_serializing_if`. A field `with` a module is written as its own
/// type: only `compact` is accepted, whose JSON is the type's own.
#[proc_macro_derive(LeanSerialize, attributes(serde))]
pub fn derive_lean_serialize(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand_to_json(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Writes the named fields bound to the variables `idents` (references), each as `,"key":value`
/// from `start` on, then closes the object.
fn write_fields(fields: &syn::FieldsNamed, bind: &[syn::Ident]) -> syn::Result<TokenStream2> {
    let json = quote!(::dac_common::json);
    let mut writes = Vec::new();
    for (field, var) in fields.named.iter().zip(bind) {
        let key = format!(",\"{}\":", field.ident.as_ref().unwrap());
        let mut skip = None;
        for meta in serde_metas(&field.attrs)? {
            if meta.path().is_ident("skip_serializing_if") {
                skip = Some(syn::parse_str::<syn::ExprPath>(&string_value(&meta)?)?);
            } else if meta.path().is_ident("with") {
                let with: syn::ExprPath = syn::parse_str(&string_value(&meta)?)?;
                if with.path.segments.last().map(|s| s.ident.to_string()) != Some("compact".into())
                {
                    return Err(Error::new_spanned(
                        &meta,
                        "LeanSerialize writes only `with = \"dac_common::compact\"` (as the type's \
                         own JSON)",
                    ));
                }
            } else if !meta.path().is_ident("default") {
                return Err(unsupported(&meta));
            }
        }
        let write = quote! {
            #json::raw(out, #key.as_bytes());
            #json::ToJson::write_json(#var, out);
        };
        writes.push(match skip {
            Some(skip) => quote! { if !#skip(#var) { #write } },
            None => write,
        });
    }
    Ok(quote! {
        let start = out.len();
        #(#writes)*
        #json::end_object(out, start);
    })
}

fn expand_to_json(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let container = container(input)?;
    if input
        .generics
        .params
        .iter()
        .any(|param| !matches!(param, syn::GenericParam::Lifetime(_)))
    {
        return Err(Error::new_spanned(
            &input.generics,
            "LeanSerialize supports lifetime parameters only",
        ));
    }
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let json = quote!(::dac_common::json);
    let name = &input.ident;
    let binds = |fields: &syn::FieldsNamed| -> Vec<syn::Ident> {
        (0..fields.named.len())
            .map(|i| syn::Ident::new(&format!("field{i}"), Span::call_site()))
            .collect()
    };
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                let bind = binds(fields);
                let idents = fields.named.iter().map(|f| f.ident.as_ref().unwrap());
                let write = write_fields(fields, &bind)?;
                quote! {
                    let #name { #(#idents: #bind),* } = self;
                    #write
                }
            }
            _ => {
                return Err(Error::new_spanned(
                    name,
                    "LeanSerialize supports structs with named fields only",
                ))
            }
        },
        Data::Enum(data) => {
            let mut arms = Vec::new();
            for variant in &data.variants {
                if let Some(meta) = serde_metas(&variant.attrs)?.first() {
                    return Err(unsupported(meta));
                }
                let ident = &variant.ident;
                let tag = if container.snake_case {
                    snake_case(&ident.to_string())
                } else {
                    ident.to_string()
                };
                arms.push(match &variant.fields {
                    Fields::Unit => {
                        let text = format!("\"{tag}\"");
                        quote! { #name::#ident => #json::raw(out, #text.as_bytes()), }
                    }
                    Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                        if let Some(meta) = serde_metas(&fields.unnamed[0].attrs)?.first() {
                            return Err(unsupported(meta));
                        }
                        let open = format!("{{\"{tag}\":");
                        quote! {
                            #name::#ident(value) => {
                                #json::raw(out, #open.as_bytes());
                                #json::ToJson::write_json(value, out);
                                #json::byte(out, b'}');
                            }
                        }
                    }
                    Fields::Named(fields) => {
                        let open = format!("{{\"{tag}\":");
                        let bind = binds(fields);
                        let idents = fields.named.iter().map(|f| f.ident.as_ref().unwrap());
                        let write = write_fields(fields, &bind)?;
                        quote! {
                            #name::#ident { #(#idents: #bind),* } => {
                                #json::raw(out, #open.as_bytes());
                                #write
                                #json::byte(out, b'}');
                            }
                        }
                    }
                    Fields::Unnamed(_) => {
                        return Err(Error::new_spanned(
                            variant,
                            "LeanSerialize supports unit, newtype and struct variants only",
                        ))
                    }
                });
            }
            quote! {
                match self {
                    #(#arms)*
                }
            }
        }
        Data::Union(_) => {
            return Err(Error::new_spanned(
                name,
                "LeanSerialize does not support unions",
            ))
        }
    };
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #json::ToJson for #name #type_generics #where_clause {
            #[allow(unused_variables)]
            fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
                #body
            }
        }
    })
}
