// A pull request that changes Java, Kotlin, C#, Python and Go at once, driven
// from a pull_request.opened webhook through Probot, BullMQ and the worker to
// GitHub (HTTP mock) and the model (loopback server): one review, and the
// model was shown the enclosing declaration of the change in every language.

import { afterEach, describe, expect, inject, it } from "vitest";

import { PullRequestWorld } from "../helpers/pull-request-world.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const JAVA = `package com.bank;

public class Transfers {
  @Transactional
  public Receipt book(Account from, Account to, long cents) {
    limits.check(from, cents);
    fraud.screen(from, to, cents);
    sanctions.screen(to);
    ledger.debit(from, cents);
    ledger.credit(to, cents);
    ledger.flush();
    fees.charge(from, cents);
    notifier.notify(from, to);
    return new Receipt(from, to, cents);
  }
}
`;

const KOTLIN = `package com.bank

class Accounts(private val store: Store) {
  fun open(owner: String): Account {
    require(owner.isNotBlank())
    kyc.verify(owner)
    val account = Account(owner)
    store.save(account)
    store.flush()
    mailer.welcome(owner)
    metrics.count("opened")
    return account
  }
}
`;

const CSHARP = `namespace Bank;

public class Limits
{
    [HttpGet]
    public decimal DailyLimit(Customer customer)
    {
        Guard.NotNull(customer);
        var region = customer.Region;
        var risk = _risk.Score(customer);
        var base = customer.Tier * 1000m;
        var adjusted = base - risk;
        _log.Info(region);
        _metrics.Count("limit");
        return adjusted;
    }
}
`;

const PYTHON = `from bank import ledger


@retry(times=3)
def settle(batch):
    validate(batch)
    lock = acquire(batch.id)
    total = sum(item.amount for item in batch)
    ledger.post(total)
    lock.release()
    notify(batch)
    metrics.count("settled")
    return total
`;

const GO = `package bank

// Reconcile compares two ledgers.
func (l *Ledger) Reconcile(other *Ledger) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	other.mu.Lock()
	defer other.mu.Unlock()
	if l.total != other.total {
		return ErrMismatch
	}
	l.reconciled = true
	l.metrics.Count("reconciled")
	return nil
}
`;

const BASE = { "src/main/java/com/bank/Transfers.java": JAVA, "app/src/main/kotlin/com/bank/Accounts.kt": KOTLIN, "src/Bank/Limits.cs": CSHARP, "bank/settle.py": PYTHON, "bank/reconcile.go": GO };
const HEAD = {
  "src/main/java/com/bank/Transfers.java": JAVA.replace("ledger.credit(to, cents);", "ledger.credit(to, cents);\n    audit.record(from, to, cents);"),
  "app/src/main/kotlin/com/bank/Accounts.kt": KOTLIN.replace("store.save(account)", "store.save(account)\n    events.publish(account)"),
  "src/Bank/Limits.cs": CSHARP.replace("customer.Tier * 1000m", "customer.Tier * 2000m"),
  "bank/settle.py": PYTHON.replace("ledger.post(total)", "ledger.post(total, batch_id=batch.id)"),
  "bank/reconcile.go": GO.replace("return ErrMismatch", "return fmt.Errorf(\"%w: %d\", ErrMismatch, l.total-other.total)"),
};

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

describe("a polyglot pull request through the webhook", () => {
  it("gets one review whose prompt holds the enclosing declaration of the change in each of the five languages", async () => {
    const world = new PullRequestWorld(BASE, HEAD);
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.startWorker();
    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");

    expect(world.reviews).toHaveLength(1);
    const prompt = flow.model.requests.flatMap((request) => request.messages.map((message) => message.content)).join("\n");
    expect(prompt).not.toContain("no syntax support");
    const expected: [string, string][] = [
      ["src/main/java/com/bank/Transfers.java", "method book"],
      ["app/src/main/kotlin/com/bank/Accounts.kt", "method open"],
      ["src/Bank/Limits.cs", "method DailyLimit"],
      ["bank/settle.py", "function settle"],
      ["bank/reconcile.go", "method Ledger.Reconcile"],
    ];
    for (const [path, declaration] of expected) {
      expect(prompt).toMatch(new RegExp(`^// lines \\d+-\\d+ of ${path.replace(/\./g, "\\.")}: ${declaration}$`, "m"));
    }
    // The declaration's whole text, with its annotation, decorator or doc comment, is what the model saw.
    expect(prompt).toContain("  @Transactional\n  public Receipt book(Account from, Account to, long cents) {");
    expect(prompt).toContain("@retry(times=3)\ndef settle(batch):");
    expect(prompt).toContain("// Reconcile compares two ledgers.\nfunc (l *Ledger) Reconcile(other *Ledger) error {");
  });
});
