#ifndef UGIT_REFNAME_H
#define UGIT_REFNAME_H

/*
 * refname - git's rules for the name of a ref (git check-ref-format), as
 * a pure check of a string.  refs reads only well-formed names, init
 * checks its branch name with them, and fsck the name in a tag object.
 */

enum refname_flags {
	REFNAME_ALLOW_ONELEVEL = (1 << 0),	/* "HEAD", "main": no '/' needed */
};

/*
 * 1 if `name` is a valid ref name, else 0.  No component may be empty,
 * start with '.', end with ".lock" or contain ".."; no control
 * characters, space, ~ ^ : ? * [ \ or "@{"; the name may not end with
 * '.' or be "@"; and it needs a '/' unless REFNAME_ALLOW_ONELEVEL.
 */
int refname_is_valid(const char *name, unsigned flags);

#endif /* UGIT_REFNAME_H */
