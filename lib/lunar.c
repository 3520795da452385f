/* lunar.c - the Vietnamese lunar calendar, computed for UTC+07:00 */
#include <math.h>

#include "core.h"

/*
 * The lunisolar rules (as in Ho Ngoc Duc's description of the Vietnamese
 * calendar): a month begins on the local day of a new moon; month 11 is
 * the month containing the December solstice; a year from one month 11 to
 * the next with 13 months has a leap month, the first one in which the sun
 * enters no new 30-degree sign of longitude (no major solar term), and it
 * takes the number of the month before it.  Everything is computed for the
 * meridian of UTC+07:00, which is why Vietnamese and Chinese dates differ
 * now and then (Tết 1985: 21 January in Vietnam, 20 February in China).
 */

#define PI 3.14159265358979323846
#define TZ_DAYS (7.0 / 24.0)
#define JD_EPOCH 2440588	/* Julian day number of 1970-01-01 */
#define SYNODIC 29.530588853
#define NM_EPOCH 2415021.076998695	/* first new moon of 1900, JD */

static double
rad(double deg)
{
	return deg * (PI / 180.0);
}

/*
 * Julian day (UT) of mean new moon number k after January 1900 plus the
 * main periodic terms (Meeus, Astronomical Algorithms, ch. 49, in the
 * older form with the 1900 epoch) and a polynomial for delta T.
 */
static double
new_moon(int k)
{
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
	double jd, m, mp, f, c, dt;

	jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 -
	    0.000000155 * t3;
	jd += 0.00033 * sin(rad(166.56 + 132.87 * t - 0.009173 * t2));
	/* sun's and moon's mean anomalies, moon's argument of latitude */
	m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
	mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
	f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
	c = (0.1734 - 0.000393 * t) * sin(rad(m)) +
	    0.0021 * sin(rad(2 * m)) -
	    0.4068 * sin(rad(mp)) +
	    0.0161 * sin(rad(2 * mp)) -
	    0.0004 * sin(rad(3 * mp)) +
	    0.0104 * sin(rad(2 * f)) -
	    0.0051 * sin(rad(m + mp)) -
	    0.0074 * sin(rad(m - mp)) +
	    0.0004 * sin(rad(2 * f + m)) -
	    0.0004 * sin(rad(2 * f - m)) -
	    0.0006 * sin(rad(2 * f + mp)) +
	    0.0010 * sin(rad(2 * f - mp)) +
	    0.0005 * sin(rad(m + 2 * mp));
	if (t < -11)
		dt = 0.001 + 0.000839 * t + 0.0002261 * t2 -
		    0.00000845 * t3 - 0.000000081 * t * t3;
	else
		dt = -0.000278 + 0.000265 * t + 0.000262 * t2;
	return jd + c - dt;
}

/* Apparent longitude of the sun in degrees [0, 360) at Julian day jd. */
static double
sun_longitude(double jd)
{
	double t = (jd - 2451545.0) / 36525, t2 = t * t;
	double m, l0, dl, l;

	m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 -
	    0.00000048 * t * t2;
	l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(rad(m)) +
	    (0.019993 - 0.000101 * t) * sin(rad(2 * m)) +
	    0.000290 * sin(rad(3 * m));
	l = fmod(l0 + dl, 360.0);
	return l < 0 ? l + 360.0 : l;
}

/* Local day (days since 1970-01-01) of new moon number k. */
static int
new_moon_day(int k)
{
	return (int)floor(new_moon(k) + 0.5 + TZ_DAYS) - JD_EPOCH;
}

/* The 30-degree sign (0..11) the sun is in at the start of local day. */
static int
sun_sign(int day)
{
	double jd = day + JD_EPOCH - 0.5 - TZ_DAYS;

	return (int)floor(sun_longitude(jd) / 30.0);
}

/* Number of the new moon that begins the month containing day. */
static int
moon_number(int day)
{
	int k;

	k = (int)floor((day + JD_EPOCH - NM_EPOCH) / SYNODIC);
	while (new_moon_day(k + 1) <= day)
		k++;
	while (new_moon_day(k) > day)
		k--;
	return k;
}

/* New moon number beginning month 11 of (Gregorian) year y. */
static int
month11(int y)
{
	int k = moon_number(hh_time_from_civil(y, 12, 31));

	/* sign 9 begins at 270 degrees, the December solstice */
	if (sun_sign(new_moon_day(k)) >= 9)
		k--;
	return k;
}

/*
 * The months from month 11 of year y - 1 up to (not including) month 11
 * of year y: start[i] is the first day of month i, num[i] its number,
 * leap[i] whether it is a leap month.  Months 11 and 12 belong to lunar
 * year y - 1, the others to lunar year y.
 */
struct span {
	int n;
	int start[14];
	int num[14];
	int leap[14];
};

static void
make_span(struct span *sp, int y)
{
	int k0 = month11(y - 1), k1 = month11(y);
	int i, leap_at = -1, num;

	sp->n = k1 - k0;
	for (i = 0; i <= sp->n; i++)
		sp->start[i] = new_moon_day(k0 + i);
	if (sp->n == 13) {
		for (i = 1; i < 13; i++) {
			if (sun_sign(sp->start[i]) ==
			    sun_sign(sp->start[i + 1])) {
				leap_at = i;
				break;
			}
		}
	}
	num = 11;
	for (i = 0; i < sp->n; i++) {
		sp->leap[i] = (i == leap_at);
		if (i > 0 && !sp->leap[i])
			num = num % 12 + 1;
		sp->num[i] = num;
	}
}

void
hh_lunar_from_day(struct hh_lunar *out, int day)
{
	struct span sp;
	int y, m, d, i;

	hh_time_civil(day, &y, &m, &d);
	if (day >= new_moon_day(month11(y)))
		y++;
	make_span(&sp, y);
	for (i = sp.n - 1; i > 0 && sp.start[i] > day; i--)
		;
	out->day = day - sp.start[i] + 1;
	out->month = sp.num[i];
	out->leap = sp.leap[i];
	/* months 11 and 12 open the span and belong to the year before */
	out->year = (sp.num[i] >= 11 && i < 4) ? y - 1 : y;
}

int
hh_lunar_to_day(int ld, int lm, int ly)
{
	struct span sp;
	int i;

	make_span(&sp, lm >= 11 ? ly + 1 : ly);
	for (i = 0; i < sp.n; i++)
		if (sp.num[i] == lm && !sp.leap[i] && (lm < 11 || i < 4))
			break;
	return sp.start[i] + ld - 1;
}
