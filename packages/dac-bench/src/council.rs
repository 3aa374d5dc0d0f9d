//! The council: a vote with few and many members, and at the end of a long delegation chain.

use std::str::FromStr;

use cosmwasm_std::{Binary, CosmosMsg, Decimal, HexBinary, WasmMsg};
use council::execute::sortition::{QUICKNET_GENESIS_SECONDS, QUICKNET_PERIOD_SECONDS};
use council::msg::{
    Authority, Body, CommitDrawMsg, CouncilKind, ExecuteMsg, InstantiateMsg, Limits, NewCouncil,
    ProposalChoices, Threshold, VoteOption, VotingRules,
};
use council::state::{MAX_PROPOSAL_MSGS, MAX_TEXT_LEN, MAX_TITLE_LEN};

use crate::peers;
use crate::report::{PeerRow, Report, Scaling};
use crate::vm::{Contract, Gas, Vm};
use crate::Config;

const COUNCIL: u64 = 1;
const TOPIC: &str = "budget";
/// The most founders and initial seats the council accepts at instantiation.
const FOUNDERS: usize = 100;
const MAX_DEPTH: u8 = 8;
/// Members of the small node.
const SMALL: usize = 10;

struct Node<'v> {
    contract: Contract<'v>,
    members: Vec<String>,
}

fn member(vm: &Vm, i: usize) -> String {
    vm.addr(&format!("member{i}"))
}

/// A node whose one executive council seats all `n` members.
fn node<'v>(vm: &'v Vm, config: &Config, n: usize) -> Result<Node<'v>, String> {
    node_with(vm, config, n, false)
}

/// As [`node`]; with `clerk`, the first member may commit sortition draws.
fn node_with<'v>(vm: &'v Vm, config: &Config, n: usize, clerk: bool) -> Result<Node<'v>, String> {
    let mut contract = vm.deploy(&config.artifact("council.wasm"), "council")?;
    let members: Vec<String> = (0..n).map(|i| member(vm, i)).collect();
    let founders = members[..n.min(FOUNDERS)].to_vec();
    // Roles are held by members in good standing: the first founder holds them all.
    let gatekeeper = members[0].clone();
    let percent = |p: u64| Decimal::from_str(&format!("0.{p:02}")).expect("a decimal");
    contract.instantiate(
        &vm.addr("admin"),
        &InstantiateMsg {
            head: gatekeeper.clone(),
            gatekeepers: vec![gatekeeper.clone()],
            monitors: vec![gatekeeper.clone()],
            founders: founders.clone(),
            councils: vec![NewCouncil {
                name: "city".to_string(),
                kind: CouncilKind::Consumers,
                parent: None,
                executive: true,
                rules: VotingRules {
                    voting_period_seconds: 7 * 86_400,
                    min_voting_period_seconds: 86_400,
                    threshold: Threshold::ThresholdQuorum {
                        threshold: percent(50),
                        quorum: percent(30),
                    },
                    allow_revoting: false,
                },
                members: founders,
            }],
            sanction_authority: Authority::Head,
            appeal_authority: Authority::Council {
                council_id: COUNCIL,
            },
            appeal_window_seconds: 7 * 86_400,
            max_delegation_depth: MAX_DEPTH,
            token: None,
            draw_requesters: if clerk {
                vec![gatekeeper.clone()]
            } else {
                vec![]
            },
            escrow: None,
            limits: None,
        },
    )?;
    for applicant in &members[n.min(FOUNDERS)..] {
        contract.execute(
            applicant,
            &ExecuteMsg::Apply {
                statement: "I live here".to_string(),
                councils: vec![COUNCIL],
            },
        )?;
        contract.execute(
            &gatekeeper,
            &ExecuteMsg::Admit {
                applicant: applicant.clone(),
            },
        )?;
    }
    Ok(Node { contract, members })
}

impl Node<'_> {
    fn propose(&mut self) -> Result<Gas, String> {
        self.propose_with(
            "Repair the north well".to_string(),
            "Spend from the commons on the well".to_string(),
            vec![],
        )
    }

    /// A proposal as long as the council accepts: the longest title and description and the
    /// most messages, each a kilobyte.
    fn propose_largest(&mut self) -> Result<Gas, String> {
        let msg = WasmMsg::Execute {
            contract_addr: self.members[1].clone(),
            msg: Binary::new(vec![b'x'; 1024]),
            funds: vec![],
        };
        self.propose_with(
            "w".repeat(MAX_TITLE_LEN),
            "d".repeat(MAX_TEXT_LEN),
            vec![msg.into(); MAX_PROPOSAL_MSGS],
        )
    }

    fn propose_with(
        &mut self,
        title: String,
        description: String,
        msgs: Vec<CosmosMsg>,
    ) -> Result<Gas, String> {
        let proposer = self.members[0].clone();
        self.contract.execute(
            &proposer,
            &ExecuteMsg::Propose(council::msg::ProposeMsg {
                chambers: vec![Body::Council {
                    council_id: COUNCIL,
                }],
                title,
                topic: TOPIC.to_string(),
                description,
                choices: ProposalChoices::YesNo {},
                msgs,
            }),
        )
    }

    fn vote(&mut self, i: usize, proposal_id: u64) -> Result<Gas, String> {
        let voter = self.members[i].clone();
        self.contract.execute(
            &voter,
            &ExecuteMsg::Vote {
                proposal_id,
                option: VoteOption::Yes,
            },
        )
    }

    fn delegate(&mut self, from: usize, to: usize) -> Result<Gas, String> {
        let (from, to) = (self.members[from].clone(), self.members[to].clone());
        self.contract.execute(
            &from,
            &ExecuteMsg::Delegate {
                council_id: COUNCIL,
                topic: TOPIC.to_string(),
                delegate: to,
            },
        )
    }
}

/// A proposal's life in a council of `n`: Propose, a member's Vote (after another member did),
/// then a majority votes yes and anyone executes it (settling it in the same call); a second
/// proposal that expires without a quorum, closed as rejected; also the cw4 `member` query
/// other contracts ask the council.
struct Life {
    propose: Gas,
    vote: Gas,
    execute: Gas,
    close_rejected: Gas,
    member_query: Gas,
}

fn proposal_life(vm: &Vm, config: &Config, n: usize) -> Result<Life, String> {
    let mut node = node(vm, config, n)?;
    let propose = node.propose()?;
    node.vote(1, 1)?;
    let vote = node.vote(n / 2, 1)?;
    let (member_query, _) = node.contract.query(&council::msg::QueryMsg::Member {
        addr: node.members[n / 3].clone(),
        at_height: None,
    })?;
    // Members 1..=n/2+1 vote yes: a majority whatever the proposer does.
    for i in (2..=n / 2 + 1).filter(|i| *i != n / 2) {
        node.vote(i, 1)?;
    }
    // Settling early waits out the rules' minimum voting period (a day).
    node.contract.advance(86_400);
    let anyone = vm.addr("anyone");
    let execute = node
        .contract
        .execute(&anyone, &ExecuteMsg::Execute { proposal_id: 1 })?;
    // Proposal 2 gets one vote and expires (a week) short of its quorum: rejected, closed.
    node.propose()?;
    node.vote(1, 2)?;
    node.contract.advance(7 * 86_400);
    let close_rejected = node
        .contract
        .execute(&anyone, &ExecuteMsg::Close { proposal_id: 2 })?;
    Ok(Life {
        propose,
        vote,
        execute,
        close_rejected,
        member_query,
    })
}

/// Propose, Vote and Execute beside a peer's, in the same state.
fn peer_rows(
    report: &mut Report,
    peer: &str,
    state: &str,
    ours: &Life,
    theirs: &peers::ProposalSteps,
    [propose, vote, execute]: [&str; 3],
) {
    let mut row = |step, pair, rule: &str| {
        report.peer_rows.push(PeerRow::new(
            "council",
            peer,
            (step, step),
            state.to_string(),
            pair,
            0,
            true,
            rule,
        ));
    };
    row("Propose", (ours.propose, theirs.propose), propose);
    row("Vote", (ours.vote, theirs.vote), vote);
    row("Execute", (ours.execute, theirs.execute), execute);
}

/// What our Propose, Vote and Execute do that any peer's do not.
const OURS_PROPOSE: &str = "ours checks the proposer's membership, standing and seat, freezes \
     each chamber's electorate and rules, enforces the per-member cap on open proposals (the \
     config's limit and the proposer's list) and stores the text apart from the voting record \
     (so a vote costs the same however long the proposal), indexed by status";
const OURS_VOTE: &str = "ours checks standing and sanctions, counts delegated weight and keeps \
     per-chamber tallies";
const OURS_EXECUTE: &str = "ours settles the outcome from the tallies in the same call (no Close \
     needed once it passed), guards against a proposal already running and moves it in the \
     status index (the config's execution window is read only once the shortest one could be \
     over)";

/// Propose, Vote and Execute beside cw3-flex-multisig over a cw4-group with as many members.
fn compare_with_cw3(vm: &Vm, config: &Config, report: &mut Report, n: usize, ours: &Life) {
    let members: Vec<String> = (0..n).map(|i| member(vm, i)).collect();
    let state = format!("{n} members");
    match peers::cw3_flex(vm, config, &members) {
        Ok(theirs) => peer_rows(
            report,
            peers::CW3,
            &state,
            ours,
            &theirs,
            [
                &format!(
                    "{OURS_PROPOSE}; cw3 stores it with the proposer's ballot and reads the \
                     group's member and total entries (raw queries, in its figure)"
                ),
                &format!(
                    "{OURS_VOTE}; cw3 asks the cw4-group for the weight at the proposal's \
                     height (a smart query: one more contract call on chain)"
                ),
                &format!("{OURS_EXECUTE}; cw3 settled the status on the vote"),
            ],
        ),
        Err(e) => report
            .notes
            .push(format!("council vs {}: not measured: {e}", peers::CW3)),
    }
}

/// The same beside DAO DAO's dao-proposal-single in a DAO of as many members. Built but not
/// measurable fails the run (the comparison would silently go missing); not built is noted.
fn compare_with_dao_dao(vm: &Vm, config: &Config, report: &mut Report, n: usize, ours: &Life) {
    if peers::dao_dao_built(config).is_none() {
        report.notes.push(format!(
            "council vs {}: not measured: not built",
            peers::DAO_DAO
        ));
        return;
    }
    let members: Vec<String> = (0..n).map(|i| member(vm, i)).collect();
    let state = format!("{n} members");
    match peers::dao_dao(vm, config, &members) {
        Ok(theirs) => peer_rows(
            report,
            peers::DAO_DAO,
            &state,
            ours,
            &theirs,
            [
                &format!(
                    "{OURS_PROPOSE}; dao-proposal-single (anyone may propose: no pre-propose \
                     module, so no membership check or deposit) asks the core for its voting \
                     module, that module whether it is active (dao-voting-cw4 refuses: still a \
                     call) and the core for the total power, which the core asks the voting \
                     module and it the cw4-group (5 queries; their gas in its figure), and \
                     stores title, text, messages and tally as one JSON record"
                ),
                &format!(
                    "{OURS_VOTE}; dao-proposal-single asks the core for the voter's power at \
                     the proposal's height (the core asks the voting module, it the cw4-group: \
                     3 queries, their gas in its figure), writes the ballot and rewrites the \
                     whole proposal record, text included, with the tally"
                ),
                &format!(
                    "{OURS_EXECUTE}; dao-proposal-single rewrites the whole proposal record \
                     with its status (no messages: no call to the core)"
                ),
            ],
        ),
        Err(e) => report
            .errors
            .push(format!("council vs {}: not measured: {e}", peers::DAO_DAO)),
    }
}

/// A member votes (after another member did) on the largest proposal a member may make.
fn vote_on_the_largest_proposal(vm: &Vm, config: &Config) -> Result<Gas, String> {
    let mut node = node(vm, config, SMALL)?;
    node.propose_largest()?;
    node.vote(1, 1)?;
    node.vote(SMALL / 2, 1)
}

/// drand quicknet round 5928395: its published signature, and the signature of the same round
/// under the published test key (`dac_testing::beacon::sign`, whose test checks this copy).
const BEACON_ROUND: u64 = 5_928_395;
const QUICKNET_SIGNATURE: &str = "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be91da5779e2247a82403fbc0cb9a34cb61";
const TEST_BEACON_SIGNATURE: &str = "8eaf44dd7b8f13bde6449d844c6672d0e7d38a3935ee0f78d9c548eb3a99b80972641fe8a3c196cffe90fa979d3f0be9";

/// The shipped council verifies drand quicknet alone: a panel committed to `BEACON_ROUND`
/// refuses the test beacon of that round (its secret key is public, so a council accepting it
/// would let whoever times the commit choose the panel) and is drawn by quicknet's. Fails the
/// run otherwise.
fn refuses_the_test_beacon(vm: &Vm, config: &Config) -> Result<(), String> {
    let mut node = node_with(vm, config, SMALL, true)?;
    // The latest round at commit time plus the margin is BEACON_ROUND - 1: the commit names it.
    node.contract.time = cosmwasm_std_vm::Timestamp::from_seconds(
        QUICKNET_GENESIS_SECONDS + (BEACON_ROUND - 2) * QUICKNET_PERIOD_SECONDS
            - Limits::default().drand_margin_seconds,
    );
    let clerk = node.members[0].clone();
    node.contract.execute(
        &clerk,
        &ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: COUNCIL,
            size: 3,
            max_per_subcouncil: None,
            purpose: "the beacon check".to_string(),
            deal_id: None,
        }),
    )?;
    node.contract.advance(3_700);
    let reveal = |signature: &str| ExecuteMsg::RevealDraw {
        panel_id: 1,
        signature: HexBinary::from_hex(signature).expect("a hex signature"),
    };
    match node
        .contract
        .execute(&clerk, &reveal(TEST_BEACON_SIGNATURE))
    {
        Err(e) if e.contains("beacon does not verify") => {}
        Err(e) => {
            return Err(format!(
                "council.wasm refused the test beacon, but not as a bad beacon: {e}"
            ))
        }
        Ok(_) => {
            return Err(
                "council.wasm accepts the test beacon, whose secret key is public: it was \
                        built with the `test-beacon` feature (build it with scripts/build-wasm.sh)"
                    .to_string(),
            )
        }
    }
    node.contract
        .execute(&clerk, &reveal(QUICKNET_SIGNATURE))
        .map_err(|e| format!("council.wasm refused drand quicknet's beacon: {e}"))?;
    Ok(())
}

pub fn run(vm: &Vm, config: &Config, report: &mut Report) -> Result<(), String> {
    refuses_the_test_beacon(vm, config)?;
    let (small, large) = (SMALL, config.large);
    let large_life = proposal_life(vm, config, large)?;
    let (large_vote, member_query) = (large_life.vote, large_life.member_query);
    // A vote on the usual short proposal, in a council of `SMALL`.
    let small_life = proposal_life(vm, config, small)?;
    let small_vote = small_life.vote;
    // Each peer's rows together: small state, then large.
    compare_with_cw3(vm, config, report, small, &small_life);
    compare_with_cw3(vm, config, report, large, &large_life);
    compare_with_dao_dao(vm, config, report, small, &small_life);
    compare_with_dao_dao(vm, config, report, large, &large_life);
    report.scalings.push(Scaling::new(
        "council",
        "Vote",
        format!("{small} members"),
        small_vote,
        format!("{large} members"),
        large_vote,
    ));
    report.scalings.push(Scaling::new(
        "council",
        "Close: expired without quorum, rejected",
        format!("{small} members"),
        small_life.close_rejected,
        format!("{large} members"),
        large_life.close_rejected,
    ));
    report.scalings.push(Scaling::new(
        "council",
        "Vote",
        "short proposal".to_string(),
        small_vote,
        format!("proposal with a {MAX_TEXT_LEN}-byte description and {MAX_PROPOSAL_MSGS} messages"),
        vote_on_the_largest_proposal(vm, config)?,
    ));
    report.notes.push(format!(
        "council: its cw4 `member` query, which the housing registry asks, costs {} gas with \
         {large} members (on chain plus the call itself: 60000, or 2000 when the council's code \
         is pinned).",
        member_query.total()
    ));

    // A chain of MAX_DEPTH delegations 1 → 2 → … → 9; member 9 votes for all of them, member
    // 20 (no delegators) for itself. The chain is bounded by `max_delegation_depth`.
    let mut chain = node(vm, config, 30)?;
    let first = chain.delegate(1, 2)?;
    let mut deepest = first;
    for i in 2..=MAX_DEPTH as usize {
        deepest = chain.delegate(i, i + 1)?;
    }
    chain.propose()?;
    chain.vote(25, 1)?;
    let alone = chain.vote(20, 1)?;
    let head = chain.vote(MAX_DEPTH as usize + 1, 1)?;
    report.scalings.push(Scaling::bounded(
        "council",
        "Vote",
        "no delegators".to_string(),
        alone,
        format!("head of a chain of {MAX_DEPTH} delegations"),
        head,
        format!("max_delegation_depth = {MAX_DEPTH}"),
    ));
    report.scalings.push(Scaling::bounded(
        "council",
        "Delegate",
        "chain of 1".to_string(),
        first,
        format!("extending a chain to {MAX_DEPTH}"),
        deepest,
        format!("max_delegation_depth = {MAX_DEPTH}"),
    ));
    Ok(())
}
