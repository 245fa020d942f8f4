import { foldNestedUrl } from './nested-url';

describe('foldNestedUrl: storage paths', () => {
  it.each([
    ['/api/storage/file/default/a/b.png', '/api/storage/file/default/a%2Fb.png'],
    ['/api/storage/list/s1/a/b/c?page=1&count=2', '/api/storage/list/s1/a%2Fb%2Fc?page=1&count=2'],
    ['/api/storage/item/default/a/', '/api/storage/item/default/a%2F'],
    ['/api/storage/dir/default/../x', '/api/storage/dir/default/..%2Fx'],
    ['/api/storage/list/default/', '/api/storage/list/default/.'],
    ['/api/storage/list/default/?count=3', '/api/storage/list/default/.?count=3'],
  ])('folds %s', (url, folded) => {
    expect(foldNestedUrl(url)).toBe(folded);
  });

  it.each([
    '/api/storage/file/default/a%2Fb.png',
    '/api/storage/list/default',
    '/api/storage/list',
    '/api/storage/upload_item/abc',
    '/api/exec/info/a/b',
    '/api/storage/file/default/x?q=a/b',
  ])('leaves %s as it is', (url) => {
    expect(foldNestedUrl(url)).toBe(url);
  });
});

describe('foldNestedUrl: image names', () => {
  it('folds the slashes of a namespaced image name into one path segment', () => {
    expect(foldNestedUrl('/api/image/create/team/x:1')).toBe('/api/image/create/team%2Fx:1');
    expect(foldNestedUrl('/api/image/item/registry.example.com:5000/a/b:2?force=1')).toBe(
      '/api/image/item/registry.example.com:5000%2Fa%2Fb:2?force=1',
    );
    expect(foldNestedUrl('/api/image/item/team%2Fx/y')).toBe('/api/image/item/team%2Fx%2Fy');
  });

  it('leaves other URLs and single-segment names as they are', () => {
    for (const url of [
      '/api/image/create',
      '/api/image/list',
      '/api/image/create/x:1',
      '/api/image/item/team%2Fx%3A1',
      '/api/images/item/a/b',
    ])
      expect(foldNestedUrl(url)).toBe(url);
  });
});
