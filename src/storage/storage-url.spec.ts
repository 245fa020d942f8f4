import { foldStorageUrl } from './storage-url';

describe('foldStorageUrl', () => {
  it.each([
    ['/api/storage/file/default/a/b.png', '/api/storage/file/default/a%2Fb.png'],
    ['/api/storage/list/s1/a/b/c?page=1&count=2', '/api/storage/list/s1/a%2Fb%2Fc?page=1&count=2'],
    ['/api/storage/item/default/a/', '/api/storage/item/default/a%2F'],
    ['/api/storage/dir/default/../x', '/api/storage/dir/default/..%2Fx'],
    ['/api/storage/list/default/', '/api/storage/list/default/.'],
    ['/api/storage/list/default/?count=3', '/api/storage/list/default/.?count=3'],
  ])('folds %s', (url, folded) => {
    expect(foldStorageUrl(url)).toBe(folded);
  });

  it.each([
    '/api/storage/file/default/a%2Fb.png',
    '/api/storage/list/default',
    '/api/storage/list',
    '/api/storage/upload_item/abc',
    '/api/exec/info/a/b',
    '/api/storage/file/default/x?q=a/b',
  ])('leaves %s as it is', (url) => {
    expect(foldStorageUrl(url)).toBe(url);
  });
});
