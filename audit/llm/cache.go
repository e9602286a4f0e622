package llm

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CacheFile is the cache's file name inside the cache directory.
const CacheFile = "llm-cache.bbolt"

var answersBucket = []byte("answers-v1")

// cache keeps validated answers per chunk in a bbolt file: transactional,
// so a crash loses at most the answers not yet committed. Any trouble
// (a corrupt file, a lock held by another process, a full disk) turns the
// cache off with one warning; the pass goes on without it.
type cache struct {
	shared *sharedDB
	off    atomic.Bool
	warn   func(string)
	once   sync.Once
	// maxEntry bounds an entry read back (0: any): one larger than any
	// validated answer can be (left by an older version that stored
	// unbounded answers) is a miss, not a copy of megabytes.
	maxEntry int64
}

// cachedAnswer is what is stored for one chunk.
type cachedAnswer struct {
	Items   []Item `json:"items"`
	Invalid int    `json:"invalid,omitempty"`
}

// One handle per file per process: bbolt locks the file, and a second Open
// in the same process would wait for the first. Engines built one after the
// other (tests, eval) share it.
type sharedDB struct {
	db   *bolt.DB
	path string
	refs int
}

var openDBs = struct {
	sync.Mutex
	m map[string]*sharedDB
}{m: map[string]*sharedDB{}}

// openCache opens (creating) the cache in dir. It never fails: on error it
// warns and returns a cache that is off.
func openCache(dir string, lockTimeout time.Duration, warn func(string)) *cache {
	c := &cache{warn: warn}
	path, err := filepath.Abs(filepath.Join(dir, CacheFile))
	if err == nil {
		c.shared, err = acquireDB(path, lockTimeout)
	}
	if err != nil {
		c.disable(fmt.Errorf("open %s: %w", filepath.Join(dir, CacheFile), err))
	}
	return c
}

func acquireDB(path string, lockTimeout time.Duration) (s *sharedDB, err error) {
	openDBs.Lock()
	defer openDBs.Unlock()
	if s := openDBs.m[path]; s != nil {
		s.refs++
		return s, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil { // bbolt panics on some corrupt files
			s, err = nil, fmt.Errorf("corrupt cache file: %v", p)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		if err == bolt.ErrTimeout {
			return nil, fmt.Errorf("locked by another process (waited %s)", lockTimeout)
		}
		return nil, err
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(answersBucket)
		return err
	}); err != nil {
		db.Close()
		return nil, err
	}
	s = &sharedDB{db: db, path: path, refs: 1}
	openDBs.m[path] = s
	return s, nil
}

// disable turns the cache off and warns, once.
func (c *cache) disable(err error) {
	c.off.Store(true)
	c.once.Do(func() {
		if c.warn != nil {
			c.warn(fmt.Sprintf("LLM cache disabled, every chunk is sent: %v", err))
		}
	})
}

func (c *cache) enabled() bool { return c != nil && c.shared != nil && !c.off.Load() }

// get returns the stored answer for key, if any.
func (c *cache) get(key []byte) (a cachedAnswer, ok bool) {
	if !c.enabled() {
		return a, false
	}
	defer func() {
		if p := recover(); p != nil {
			c.disable(fmt.Errorf("read: corrupt cache file: %v", p))
			ok = false
		}
	}()
	var val []byte
	err := c.shared.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(answersBucket); b != nil {
			if v := b.Get(key); v != nil && (c.maxEntry <= 0 || int64(len(v)) <= c.maxEntry) {
				val = append([]byte(nil), v...)
			}
		}
		return nil
	})
	if err != nil {
		c.disable(fmt.Errorf("read: %w", err))
		return a, false
	}
	if val == nil || json.Unmarshal(val, &a) != nil {
		return cachedAnswer{}, false // a damaged entry is a miss
	}
	return a, true
}

// put stores an answer. Concurrent puts share one commit (bbolt's Batch).
func (c *cache) put(key []byte, a cachedAnswer) {
	if !c.enabled() {
		return
	}
	val, err := json.Marshal(a)
	if err != nil {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			c.disable(fmt.Errorf("write: corrupt cache file: %v", p))
		}
	}()
	if err := c.shared.db.Batch(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(answersBucket)
		if err != nil {
			return err
		}
		return b.Put(key, val)
	}); err != nil {
		c.disable(fmt.Errorf("write: %w", err))
	}
}

// close releases this cache's hold on the file; the last one closes it.
func (c *cache) close() error {
	if c == nil || c.shared == nil {
		return nil
	}
	openDBs.Lock()
	defer openDBs.Unlock()
	s := c.shared
	c.shared = nil
	s.refs--
	if s.refs > 0 {
		return nil
	}
	delete(openDBs.m, s.path)
	return s.db.Close()
}

// cacheKey identifies an answer: everything that shapes it. The per-request
// nonce is left out on purpose: it changes nothing but the markers.
func cacheKey(parts ...string) []byte {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return h.Sum(nil)
}
