import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/fake-http';
import { StaleAccountError, accountRepo, writeInEpoch } from '@/lib/account/repo';
import { resetAccount } from '@/lib/db/reset';
import { getDb } from '@/lib/db/schema';

beforeEach(freshDb);

describe('the account record, kept in the worker between reads', () => {
  it('answers what the last write stored', async () => {
    expect(await accountRepo.get()).toEqual({ id: 'current' });
    await accountRepo.setSender(0, '+14155550100', 'listed');
    expect(await accountRepo.sender()).toBe('+14155550100');
    await accountRepo.setAuthFailure({ at: 1, status: 401 });
    expect(await accountRepo.isPaused()).toBe(true);
    await accountRepo.setAuthFailure(undefined);
    expect(await accountRepo.get()).toEqual({ id: 'current', sender: '+14155550100', senderSource: 'listed' });
  });

  it('forgets the sender when the account is reset, and the new epoch guards the writes', async () => {
    await accountRepo.setSender(0, '+14155550100', 'listed');
    const epoch = await resetAccount({ accountSid: 'AC00000000000000000000000000000002' });
    expect(await accountRepo.get()).toEqual({ id: 'current', epoch, accountSid: 'AC00000000000000000000000000000002' });
    await expect(accountRepo.setSender(0, '+14155550199', 'listed')).rejects.toBeInstanceOf(StaleAccountError);
    await expect(writeInEpoch(0, ['sends'], async () => 'written')).rejects.toBeInstanceOf(StaleAccountError);
    expect(await accountRepo.sender()).toBeNull();
  });

  it('never keeps a read that a write overtook', async () => {
    // Nothing kept yet: the read goes to the database while the write is under way.
    const [read] = await Promise.all([accountRepo.get(), accountRepo.setSender(0, '+14155550111', 'listed')]);
    expect([undefined, '+14155550111']).toContain(read.sender);
    expect(await accountRepo.sender()).toBe('+14155550111');
  });

  it('reads the database again after the handle changes (what was kept belonged to the old one)', async () => {
    await accountRepo.setSender(0, '+14155550100', 'listed');
    await freshDb();
    // Another database, written behind the repo's back before it read it: what was kept of the old one is not used.
    await (await getDb()).put('accounts', { id: 'current', sender: '+14155550122', senderSource: 'typed' });
    expect(await accountRepo.sender()).toBe('+14155550122');
  });
});
